package dev.progy.spi;

/** Makes {@link AiProvider}s; registered in {@code META-INF/services/dev.progy.spi.AiProviderProvider}. */
public interface AiProviderProvider extends Provider<AiProvider> { }
