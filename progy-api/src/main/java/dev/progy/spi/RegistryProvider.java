package dev.progy.spi;

/** Makes {@link Registry} clients; registered in {@code META-INF/services/dev.progy.spi.RegistryProvider}. */
public interface RegistryProvider extends Provider<Registry> { }
