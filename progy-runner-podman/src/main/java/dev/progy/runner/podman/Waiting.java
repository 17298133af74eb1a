package dev.progy.runner.podman;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for what a run started, bounded, with Ctrl-C of an embedding tool treated as the time running out. */
final class Waiting {

    private Waiting() { }

    /**
     * Waits for {@code latch} up to {@code timeout}; false when the time ran out or the thread was interrupted
     * (the interrupt stays set), so the caller kills the container either way.
     */
    static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives {@code task} up to {@code limit} to end; what it threw was handled by it, so it is not looked at. */
    static void settle(Future<?> task, Duration limit) {
        boolean interrupted = Thread.interrupted();
        try {
            task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // ended badly or not at all: the caller closes its stream next
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
