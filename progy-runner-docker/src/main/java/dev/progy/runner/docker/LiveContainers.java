package dev.progy.runner.docker;

import dev.progy.ProgyException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The containers of a runner that exist right now, so that the JVM's exit can remove them. Creating a container
 * and noting it happen under one lock with the exit's sweep: a container is either made before the sweep (and
 * swept) or refused after it, never made behind its back — e.g. by a run that, its container killed by the sweep,
 * would retry in a new one while the JVM is going down.
 */
final class LiveContainers {

    private final Set<String> ids = new LinkedHashSet<>();
    private boolean exiting;

    /**
     * Creates a container with {@code creator} and notes it.
     *
     * @throws ProgyException when the JVM is exiting: nothing is created then
     */
    synchronized String create(Supplier<String> creator) {
        if (exiting) {
            throw new ProgyException("Progy is exiting: no new container is started", "run the exercise again");
        }
        String id = creator.get();
        ids.add(id);
        return id;
    }

    /** The container is gone (removed by its run, or found already gone). */
    synchronized void remove(String id) {
        ids.remove(id);
    }

    /** The containers that exist now. */
    synchronized List<String> snapshot() {
        return List.copyOf(ids);
    }

    /**
     * From now on nothing is created; removes every container noted, with {@code remover}, which may throw for
     * one it cannot remove (that one stays noted).
     */
    synchronized void exitAndRemoveAll(Consumer<String> remover) {
        exiting = true;
        removeAll(remover);
    }

    /** Removes every container noted, with {@code remover}; one it cannot remove stays noted. */
    synchronized void removeAll(Consumer<String> remover) {
        for (String id : List.copyOf(ids)) {
            try {
                remover.accept(id);
                ids.remove(id);
            } catch (RuntimeException e) {
                // the engine is gone too; progy gc finds the container by its labels later
            }
        }
    }
}
