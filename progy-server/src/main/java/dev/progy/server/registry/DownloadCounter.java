package dev.progy.server.registry;

/** Told of every archive served, to count downloads (see {@code dev.progy.server.registry.stats.DownloadEvents}). */
public interface DownloadCounter {
    /** Called after an archive was served; must return at once (no I/O on the caller's thread). */
    void served(String course, String version, java.util.Optional<String> account, String address, String userAgent);
    DownloadCounter NONE = (c, v, a, ip, ua) -> { };
}
