package dev.progy.spi;

/**
 * A factory for one adapter of a port, found through {@link java.util.ServiceLoader}. Implementations have a
 * public no-arg constructor that does no I/O; {@link #availability} is cheap.
 *
 * @param <T> the port this provider makes
 */
public interface Provider<T> {

    /** Unique id among the providers of the port, e.g. {@code host}, {@code docker}. */
    String id();

    /** Higher wins when nothing is chosen explicitly. */
    int priority();

    /** Whether this provider can be used with this configuration, cheaply checked. */
    default Availability availability(ProviderConfig config) {
        return Availability.yes();
    }

    /** Makes the adapter. */
    T create(ProviderConfig config);
}
