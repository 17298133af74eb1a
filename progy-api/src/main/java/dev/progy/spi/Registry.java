package dev.progy.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A place courses are published to and installed from, as {@code .progy} archives with versions. */
public interface Registry extends AutoCloseable {

    /** Every course's every version, sorted by name then version (oldest first). */
    List<RegistryEntry> list();

    /** The versions of one course, oldest first; empty when the registry does not know it. */
    List<RegistryEntry> versions(String name);

    /** A version of a course; the newest when {@code version} is empty. */
    default Optional<RegistryEntry> find(String name, Optional<String> version) {
        List<RegistryEntry> all = versions(name);
        if (version.isEmpty()) {
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
        return all.stream().filter(e -> e.version().equals(version.get())).findFirst();
    }

    /** Copies the archive of {@code entry} into {@code targetDir}, verifies its checksum, returns its path. */
    Path download(RegistryEntry entry, Path targetDir);

    /**
     * Publishes a {@code .progy} archive; name and version come from the course.json inside it. Publishing a
     * version that already exists is refused: published versions are immutable.
     */
    RegistryEntry publish(Path archive);

    @Override
    default void close() { }
}
