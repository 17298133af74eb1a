package dev.progy.internal.archive;

import dev.progy.error.ArchiveRejectedException;

/** The wording of every archive refusal: which archive, which entry, which rule. */
final class Refusal {

    private Refusal() { }

    /** The whole archive is refused, e.g. "course.progy is refused: it is not a zip archive". */
    static ArchiveRejectedException archive(String archive, String problem) {
        return new ArchiveRejectedException(archive + " is refused: it " + problem);
    }

    /** One entry is refused, e.g. "course.progy is refused: entry '../x' contains '..' and ...". */
    static ArchiveRejectedException entry(String archive, String entry, String problem) {
        return new ArchiveRejectedException(archive + " is refused: entry '" + EntryNames.shown(entry) + "' " + problem);
    }
}
