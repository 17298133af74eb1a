package dev.progy.runner.podman;

import dev.progy.ProgyException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers of a runner that exist right now (runs on, kept containers) and the exec sessions running in them,
 * so that closing the runner or ending the JVM removes the containers and ends the sessions' monitors
 * ({@link ConmonReaper}). Once that has begun, no new container is let in: one made meanwhile is removed at once
 * and its run stopped, so nothing is left half made by a JVM on its way out.
 */
final class LiveContainers {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Registers a container just made.
     *
     * @throws ProgyException after {@link #close()}, once the container is removed
     */
    void add(String id, LibpodClient podman) {
        ids.add(id);
        if (closed) {
            ids.remove(id);
            ContainerRun.remove(podman, id);
            throw new ProgyException("the run was stopped: the runner is closing (Progy is exiting)",
                    "run it again");
        }
    }

    void remove(String id) {
        ids.remove(id);
    }

    /** Registers an exec session just made. */
    void addSession(String execId) {
        sessions.add(execId);
    }

    /** Forgets an exec session whose monitors were ended. */
    void removeSession(String execId) {
        sessions.remove(execId);
    }

    /** The exec sessions not over yet. */
    List<String> sessions() {
        return List.copyOf(sessions);
    }

    /** Lets no new container in, and returns those that exist. */
    List<String> close() {
        closed = true;
        return List.copyOf(ids);
    }

    /** Lets new containers in again, after a {@link #close()} of a runner that may be used again. */
    void reopen() {
        closed = false;
    }

    /** Whether the runner is closing: then a container that vanished was removed by it. */
    boolean closed() {
        return closed;
    }
}
