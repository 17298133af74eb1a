package dev.progy.spi;

import java.util.Optional;

/**
 * A course as a registry's search lists it.
 *
 * @param name      e.g. {@code @school/algebra}
 * @param summary   one line about it; empty when the registry has none
 * @param latest    its newest version that is not yanked, when it has one
 * @param downloads how often it was installed, as far as the registry counts (0 when it does not)
 */
public record RegistryCourse(String name, String summary, Optional<String> latest, long downloads) { }
