package dev.progy.runner.podman;

import dev.progy.spi.container.UnixSocketHttp;
import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.DiskWatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One command run with libpod exec in a running container: create the session, attach to its output, wait up to
 * the timeout, and read its exit code — or, when the timeout or the output limit is hit or the listener fails,
 * have the whole container killed (the only sure way to end every process the command started). Either way the
 * session's conmon processes are ended once it is over ({@link ConmonReaper}).
 */
final class ExecSession {

    /** How long an exec whose output ended may take to be reported as exited. */
    private static final Duration EXIT_SETTLE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(5);

    /**
     * What a session did.
     *
     * @param exitCode        its exit code, when it ended on its own
     * @param stopped         whether the container was killed to stop it (timeout, output limit or listener failure)
     * @param timedOut        whether that was for the timeout
     * @param listenerFailure what the listener threw, if it did
     * @param duration        wall time from its start
     * @param wroteTooMuch    whether it wrote more than its disk limit (and the container was killed for it)
     */
    record Ended(OptionalInt exitCode, boolean stopped, boolean timedOut, RuntimeException listenerFailure,
                 Duration duration, boolean wroteTooMuch) { }

    private ExecSession() { }

    /**
     * Runs {@code argv} as {@code user} in {@code workDir} of container {@code containerId}, its output into
     * {@code output}.
     *
     * @param started       called just before the session starts
     * @param killContainer kills and removes the container; called when the session must be stopped
     * @param watchDisk     starts watching what the session writes, given what to call when it wrote too much;
     *                      null for a session that writes nothing of the student's
     * @throws LibpodException when the session cannot be made (e.g. the container is not running)
     */
    static Ended run(LibpodClient podman, ExecutorService threads, LiveContainers live, String containerId,
                     List<String> argv, Map<String, String> env, String user, String workDir, Duration timeout,
                     CappedOutput output, Runnable started, Runnable killContainer,
                     Function<Runnable, DiskWatch> watchDisk) {
        String execId = podman.execCreate(containerId, argv, env, user, workDir);
        live.addSession(execId);
        boolean interrupted = false;
        DiskWatch disk = null;
        try {
            CountDownLatch over = new CountDownLatch(1);
            OutputPump pump = new OutputPump(output, over::countDown);
            started.run();
            disk = watchDisk == null ? null : watchDisk.apply(over::countDown);
            long t0 = System.nanoTime();
            Future<?> reading = threads.submit(() -> {
                try (UnixSocketHttp.Exchange attached = podman.execStart(execId)) {
                    pump.drain(attached.body());
                } catch (RuntimeException gone) {
                    // the container was removed, or the service went away: the exit code tells
                } finally {
                    over.countDown();
                }
            });
            boolean ended = Waiting.await(over, timeout);
            interrupted = Thread.interrupted();
            Duration duration = Duration.ofNanos(System.nanoTime() - t0);
            boolean stopped = !ended || output.truncated() || pump.listenerFailure() != null
                    || (disk != null && disk.exceeded());
            if (stopped) {
                killContainer.run();
                // the session's monitor outlives the container and keeps the output stream open: end it now
                ConmonReaper.reap(execId);
            }
            Waiting.settle(reading, ContainerRun.SETTLE);
            reading.cancel(true);
            OptionalInt exitCode = stopped ? OptionalInt.empty() : exitCode(podman, execId);
            boolean wroteTooMuch = disk != null && disk.finish();
            return new Ended(exitCode, stopped, !ended, pump.listenerFailure(), duration, wroteTooMuch);
        } finally {
            if (disk != null) {
                disk.close();
            }
            ConmonReaper.reap(execId);
            live.removeSession(execId);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The session's exit code, once the service has seen its process end (shortly after its output ended). */
    private static OptionalInt exitCode(LibpodClient podman, String execId) {
        long end = System.nanoTime() + EXIT_SETTLE.toNanos();
        while (true) {
            LibpodClient.ExecState state = podman.execInspect(execId);
            if (!state.running()) {
                return OptionalInt.of(state.exitCode());
            }
            if (System.nanoTime() > end) {
                return OptionalInt.empty();
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
