package dev.progy.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One published version of a course in a registry.
 *
 * @param name     course id, e.g. {@code java-basics} or {@code @scope/slug}
 * @param version  semver
 * @param sha256   hex SHA-256 of the archive
 * @param size     archive size in bytes
 * @param yanked   withdrawn by its owners: still installable by its exact version, never chosen by a range
 * @param verified whether the registry ran the course's solutions and starters before it went live; empty when the
 *                 registry does not run courses (a folder registry)
 */
public record RegistryEntry(String name, String version, String sha256, long size, boolean yanked,
                            Optional<Boolean> verified) {

    public RegistryEntry {
        Objects.requireNonNull(verified, "verified");
    }

    /** A version that is not yanked, in a registry that does not run courses. */
    public RegistryEntry(String name, String version, String sha256, long size) {
        this(name, version, sha256, size, false, Optional.empty());
    }
}
