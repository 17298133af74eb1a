package dev.progy.runner.podman;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Watches a cold run's container for OOM kills ({@link OomKills}) from its start until the run is over. The cgroup
 * and its count go with the container's first process (Podman removes the cgroup a moment after it ends, before
 * a wait on the container returns), so the count is read every {@value #INTERVAL_MS} ms while it runs and the
 * highest value seen is kept; a kill of a child some milliseconds before the program ends is still seen, since the
 * cgroup outlives the program by the time Podman takes to clean up after it.
 */
final class OomWatch {

    /** How often the count is read while the container runs. */
    static final long INTERVAL_MS = 5;

    private final Future<?> task;
    private volatile boolean over;
    private volatile boolean found;
    private volatile long highest;
    private volatile OomKills counter;

    private OomWatch(ExecutorService threads, String id, LongSupplier pid) {
        this.task = threads.submit(() -> watch(id, pid));
    }

    /** Starts watching container {@code id}, started a moment ago; {@code pid} asks the service for its first process. */
    static OomWatch start(ExecutorService threads, String id, LongSupplier pid) {
        return new OomWatch(threads, id, pid);
    }

    private void watch(String id, LongSupplier pid) {
        Optional<OomKills> kills = OomKills.of(id, 0);
        if (kills.isEmpty() && !over) {
            long first = pid.getAsLong();
            kills = first > 0 ? OomKills.of(id, first) : Optional.empty();
        }
        if (kills.isEmpty()) {
            return;
        }
        counter = kills.get();
        found = true;
        while (!over) {
            record(counter.read());
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(OptionalLong count) {
        if (count.isPresent() && count.getAsLong() > highest) {
            highest = count.getAsLong();
        }
    }

    /**
     * Ends the watch: whether the OOM killer ended a process of the container, or empty when its count could not be
     * read here (then only Podman's own word is left).
     */
    Optional<Boolean> stop() {
        over = true;
        try {
            task.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            task.cancel(true);
        }
        OomKills last = counter;
        if (last != null) {
            record(last.read());
        }
        return found ? Optional.of(highest > 0) : Optional.empty();
    }
}
