package dev.progy.spi.container;

import dev.progy.error.ProgyException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The containers of a runner that exist right now (runs on, kept containers), and the exec sessions running in
 * them, so that closing the runner or the JVM's exit removes them. Once {@link #close()} is called no new container
 * is let in: one {@linkplain #create created} after it is refused before it is made; one made by an engine call of
 * its own and {@linkplain #add added} after it is removed at once and its run stopped. The sweep
 * ({@link #removeAll}) holds the same lock as {@link #create}, so a container is either made before the sweep (and
 * swept) or refused after it, never made behind its back, e.g. by a run that, its container killed by the sweep,
 * would retry in a new one while the JVM is going down.
 */
public final class LiveContainers {

    private final Set<String> ids = new LinkedHashSet<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates a container with {@code creator} and notes it.
     *
     * @throws ProgyException after {@link #close()}: nothing is created then
     */
    public synchronized String create(Supplier<String> creator) {
        if (closed) {
            throw new ProgyException("Progy is exiting: no new container is started", "run the exercise again");
        }
        String id = creator.get();
        ids.add(id);
        return id;
    }

    /**
     * Notes a container just made.
     *
     * @param remover removes the container, when the runner is closing
     * @throws ProgyException after {@link #close()}, once the container is removed
     */
    public void add(String id, Consumer<String> remover) {
        synchronized (this) {
            ids.add(id);
        }
        if (closed) {
            remove(id);
            remover.accept(id);
            throw new ProgyException("the run was stopped: the runner is closing (Progy is exiting)",
                    "run it again");
        }
    }

    /** The container is gone (removed by its run, or found already gone). */
    public synchronized void remove(String id) {
        ids.remove(id);
    }

    /** The containers that exist now. */
    public synchronized List<String> snapshot() {
        return List.copyOf(ids);
    }

    /** Notes an exec session just made. */
    public void addSession(String execId) {
        sessions.add(execId);
    }

    /** Forgets an exec session that is over. */
    public void removeSession(String execId) {
        sessions.remove(execId);
    }

    /** The exec sessions not over yet. */
    public List<String> sessions() {
        return List.copyOf(sessions);
    }

    /** Lets no new container in, until {@link #reopen()}. */
    public void close() {
        closed = true;
    }

    /** Lets new containers in again, after a {@link #close()} of a runner that may be used again. */
    public void reopen() {
        closed = false;
    }

    /** Whether the runner is closing: then a container that vanished was removed by it. */
    public boolean closed() {
        return closed;
    }

    /**
     * Removes every container noted, with {@code remover}, which may throw for one it cannot remove: that one
     * stays noted.
     */
    public synchronized void removeAll(Consumer<String> remover) {
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
