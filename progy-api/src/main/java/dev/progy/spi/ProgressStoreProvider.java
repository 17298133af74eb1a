package dev.progy.spi;

/** Makes {@link ProgressStore}s; registered in {@code META-INF/services/dev.progy.spi.ProgressStoreProvider}. */
public interface ProgressStoreProvider extends Provider<ProgressStore> { }
