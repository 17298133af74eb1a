package dev.progy.error;

/** A {@code .progy} archive refused on unpacking (escaping paths, links, bombs) or unreadable. Nothing was written outside the target. */
public class ArchiveRejectedException extends ProgyException {
    public ArchiveRejectedException(String message) {
        super(message, "the archive is damaged or hostile; get it again from its source or ask its author");
    }
}
