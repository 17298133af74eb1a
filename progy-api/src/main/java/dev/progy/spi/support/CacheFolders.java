package dev.progy.spi.support;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Progy keeps what it can always make again (facts about an engine, links found reachable): a folder
 * {@code progy} in the user's cache folder — {@code $XDG_CACHE_HOME} (when absolute, as the XDG specification asks)
 * or {@code ~/.cache} on Linux, {@code ~/Library/Caches} on macOS, {@code %LOCALAPPDATA%} on Windows. The system
 * property {@value #PROPERTY} names another cache folder (the build's class-data training sets it, so what it runs
 * leaves nothing in the builder's own cache).
 */
public final class CacheFolders {
    /** A system property naming the cache folder to use instead of the user's. */
    public static final String PROPERTY = "progy.cache.home";

    private CacheFolders() { }

    /** Progy's folder in the cache folder; empty when there is no home to put it in. */
    public static Optional<Path> progy() {
        return userCache().map(dir -> dir.resolve("progy"));
    }

    /** The cache folder: the property's, else the user's; empty when neither can be told. */
    public static Optional<Path> userCache() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return local == null || local.isBlank() ? Optional.empty() : Optional.of(Path.of(local));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(os.startsWith("mac") ? Path.of(home, "Library", "Caches") : Path.of(home, ".cache"));
    }
}
