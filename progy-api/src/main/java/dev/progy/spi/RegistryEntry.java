package dev.progy.spi;

/**
 * One published version of a course in a registry.
 *
 * @param name    course id, e.g. {@code java-basics} or {@code @scope/slug}
 * @param version semver
 * @param sha256  hex SHA-256 of the archive
 * @param size    archive size in bytes
 */
public record RegistryEntry(String name, String version, String sha256, long size) { }
