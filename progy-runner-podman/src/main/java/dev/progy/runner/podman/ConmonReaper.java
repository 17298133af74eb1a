package dev.progy.runner.podman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends the monitor processes Podman leaves behind for each exec session. Over its REST API, Podman 4 starts a
 * conmon pair per exec session that lingers for the service's {@code exit_command_delay} (300 s by default) after
 * the session's process ended, so that a client can still read its exit code; it outlives even the removal of the
 * container (podman#15377), and the API has no call to end it. Warm re-runs start one session per run, so without
 * this they would pile up two processes per run for five minutes. Once the runner has read a session's exit code,
 * it ends that session's conmon processes itself: those whose command line names the session ({@code -u <id>}).
 *
 * <p>That takes a service on this host whose processes this JVM may signal (a rootless service of the same user,
 * or any when the JVM runs as root); otherwise nothing is found or nothing can be done, and the processes end on
 * their own after the delay. Only {@code /proc} is read: on other systems this does nothing.
 */
final class ConmonReaper {

    private static final Path PROC = Path.of("/proc");
    /** How many times the processes of a session are looked for and ended. */
    private static final int ROUNDS = 5;
    /** How long signalled processes get to end before the next look. */
    private static final Duration BETWEEN_ROUNDS = Duration.ofMillis(2);

    private ConmonReaper() { }

    /**
     * Ends the conmon processes of exec session {@code execId}; returns how many it signalled. A monitor may fork
     * the one that waits out the delay just as the session ends, between a look at {@code /proc} and the signal to
     * its parent: so it looks again after each round of signals, until a look finds none (a few rounds at most; a
     * killed process no longer shows its command line, so it is not found again once it has ended).
     */
    static int reap(String execId) {
        if (!execId.matches("[0-9a-f]{64}") || !Files.isDirectory(PROC)) {
            return 0;
        }
        int ended = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> found = conmonsOf(execId);
            if (found.isEmpty()) {
                break;
            }
            for (long pid : found) {
                ended += ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false) ? 1 : 0;
            }
            LockSupport.parkNanos(BETWEEN_ROUNDS.toNanos());
        }
        return ended;
    }

    /** The pids of conmon processes monitoring session {@code execId}. */
    static List<Long> conmonsOf(String execId) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                if (monitors(proc, execId)) {
                    found.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException | SecurityException e) {
            // no /proc to read: nothing found
        }
        return found;
    }

    private static boolean monitors(Path proc, String execId) {
        try {
            if (!Files.readString(proc.resolve("comm"), StandardCharsets.US_ASCII).strip().equals("conmon")) {
                return false;
            }
            List<String> args = Arrays.asList(new String(Files.readAllBytes(proc.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int session = args.indexOf("-u");
            return session >= 0 && session + 1 < args.size() && args.get(session + 1).equals(execId);
        } catch (IOException | RuntimeException gone) {
            return false; // ended meanwhile, or not ours to read
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
