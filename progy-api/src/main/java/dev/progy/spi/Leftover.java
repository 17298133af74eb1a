package dev.progy.spi;

import java.time.Instant;

/**
 * Something a run left on a container engine, found by its labels, for {@code progy gc}.
 *
 * @param engine   the provider's id, e.g. {@code docker}
 * @param kind     what it is
 * @param id       the engine's id of it
 * @param name     its name (may equal the id)
 * @param created  when it was made (may be {@link Instant#EPOCH} when the engine does not say)
 * @param why      why it counts as left over, e.g. "its run (process 4711) is gone"
 */
public record Leftover(String engine, Kind kind, String id, String name, Instant created, String why) {

    /** Kinds of things an engine holds. */
    public enum Kind { CONTAINER, EXEC_SESSION, NETWORK, VOLUME, POD, IMAGE }
}
