package dev.progy.server.registry;

/**
 * Told of every archive the registry served, for the download statistics (which implement it); the registry's
 * routes call it after the bytes were sent.
 */
public interface DownloadCounter {

    /** Called after an archive was served; must return at once (no I/O on the caller's thread). */
    void served(String course, String version, java.util.Optional<String> account, String address, String userAgent);

    /** Counts nothing. */
    DownloadCounter NONE = (c, v, a, ip, ua) -> { };
}
