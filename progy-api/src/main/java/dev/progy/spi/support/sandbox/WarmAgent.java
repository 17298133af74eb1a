package dev.progy.spi.support.sandbox;

import dev.progy.spi.support.scratch.TempPaths;
import dev.progy.spi.support.protocol.CappedOutput;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's end of a small agent that runs a warm container's checks without an exec session each: a constant
 * POSIX {@code sh} loop ({@link #command()}) is the kept container's first process, and a control folder of three
 * named pipes, bind-mounted at {@value #CONTROL_PATH}, links it to the host. For each run the host writes the run's
 * script ({@code cd}, {@code export}s, {@code exec} of the argv, every word single-quoted) and a sequence number to
 * {@code req}; the agent empties {@code /tmp}, {@code $HOME}, {@code /dev/shm} and {@code /dev/mqueue}, runs the script as a child with its output into
 * {@code out} (which the host streams as it comes, to its end) and answers on {@code reply} with the number, the
 * exit code and how many processes the container holds afterwards (1: only the agent, nothing of the run is left).
 * An exec session costs about 100 ms on Podman's service; a request through the pipes, a millisecond.
 *
 * <p>What stays with the engine adapter: the container and its sandbox (the same as for exec sessions: user,
 * limits, mounts, network), killing it when a run must be stopped (timeout, output limit, disk limit, a failing
 * listener; the adapter replaces it then), OOM counting, and its own look at leftovers where it has one. The agent
 * runs as the container's user, as the checks do, so a check can write to the pipes too: it can forge its own
 * answer, as it can write its own {@code results.json}, but not escape the container; a sequence number out of
 * step, or a process count above 1, has the adapter replace the container.
 *
 * <p>When the pipes cannot work (no {@code mkfifo} on the host, an engine in a VM that does not share them, an
 * image without {@code sh}), {@link #open} answers empty or {@link #ready} false, and the adapter keeps to exec
 * sessions; the agent then only keeps the container up, as {@code sleep} would.
 */
public final class WarmAgent implements AutoCloseable {

    /** Where the control folder is mounted in the container. */
    public static final String CONTROL_PATH = "/progy/agent";
    /** The agent's loop; a constant, never built from a run's words (those reach it only as quoted script text). */
    static final String SCRIPT = "c=" + CONTROL_PATH + ";"
            + " [ -p \"$c/req\" ] && [ -p \"$c/reply\" ] || exec sleep 2147483647;"
            + " exec 3<\"$c/req\" 4>\"$c/reply\";"
            + " while IFS= read -r n <&3; do"
            + " for d in " + SandboxPolicy.TMP_PATH + " " + SandboxPolicy.HOME_PATH + " /dev/shm /dev/mqueue; do"
            + " chmod -R u+rwx \"$d\"/* \"$d\"/.[!.]* \"$d\"/..?* 2>/dev/null;"
            + " rm -rf \"$d\"/* \"$d\"/.[!.]* \"$d\"/..?* 2>/dev/null; done;"
            + " sh \"$c/run\" </dev/null >\"$c/out\" 2>&1 3<&- 4>&-; r=$?;"
            + " set -- /proc/[0-9]*; echo \"$n $r $#\" >&4;"
            + " done; exec sleep 2147483647";
    /** How long an ended run's output may take to reach its end (a process it left may hold it open). */
    private static final Duration OUTPUT_SETTLE = Duration.ofMillis(500);
    /** How long the agent may take to take a run before the host asks whether its container is still up. */
    private static final Duration TAKE_WAIT = Duration.ofSeconds(2);
    /** A run the agent did not take: its container is gone. */
    private static final Ended GONE = new Ended(OptionalInt.empty(), false, false, null, Duration.ZERO, false, true);
    private static final int MAX_REPLY = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REPLY = Pattern.compile("(\\d+) (\\d+) (\\d+)");

    /**
     * What a run did.
     *
     * @param exitCode        its exit code, when it ended on its own
     * @param stopped         whether the container was killed to stop it (timeout, output limit, disk limit,
     *                        listener failure, or an answer out of step)
     * @param timedOut        whether that was for the timeout
     * @param listenerFailure what the output's listener threw, if it did
     * @param duration        wall time from the request
     * @param wroteTooMuch    whether it wrote more than its disk limit
     * @param leftBehind      whether the container holds more than the agent after the run, or the run's output
     *                        stayed open after it ended: the container must not take another run
     */
    public record Ended(OptionalInt exitCode, boolean stopped, boolean timedOut, RuntimeException listenerFailure,
                        Duration duration, boolean wroteTooMuch, boolean leftBehind) { }

    private final Path folder;
    private final RandomAccessFile requests;
    private final RandomAccessFile replies;
    private long sequence;
    private volatile boolean closed;

    private WarmAgent(Path folder, RandomAccessFile requests, RandomAccessFile replies) {
        this.folder = folder;
        this.requests = requests;
        this.replies = replies;
    }

    /** The kept container's command: the agent's loop. */
    public static List<String> command() {
        return List.of("sh", "-c", SCRIPT, "progy-agent");
    }

    /**
     * Makes a control folder next to {@code policy}'s output folder, owned by its container user, with the agent's
     * pipes, and opens the host's ends; empty when named pipes cannot be made here.
     */
    public static Optional<WarmAgent> open(SandboxPolicy policy) {
        Path folder = null;
        try {
            folder = TempPaths.createDirectory(policy.outputDir().getParent(), "progy-agent-").toRealPath();
            List<String> mkfifo = List.of("mkfifo", "-m", "600", folder.resolve("req").toString(),
                    folder.resolve("reply").toString(), folder.resolve("out").toString());
            Process made = new ProcessBuilder(mkfifo).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!made.waitFor(10, TimeUnit.SECONDS) || made.exitValue() != 0) {
                made.destroyForcibly();
                deleteQuietly(folder);
                return Optional.empty();
            }
            ContainerUser user = new ContainerUser(policy.uid(), policy.gid());
            user.giveOwnership(folder);
            for (String pipe : List.of("req", "reply", "out")) {
                user.giveOwnership(folder.resolve(pipe));
            }
            writeRunScript(folder, "exit 0\n");
            // a JVM that exits without closing the agent (its exit hook removes the container) leaves no folder
            // behind: deleted in the reverse order of these calls, the files first
            folder.toFile().deleteOnExit();
            for (String name : List.of("req", "reply", "out", "run", "run.next")) {
                folder.resolve(name).toFile().deleteOnExit();
            }
            // read and write, so opening never waits for the agent, and the agent's reads never see an end
            return Optional.of(new WarmAgent(folder, new RandomAccessFile(folder.resolve("req").toFile(), "rw"),
                    new RandomAccessFile(folder.resolve("reply").toFile(), "rw")));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(folder);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(folder);
            return Optional.empty();
        }
    }

    /** The control folder, to be bind-mounted read-write at {@value #CONTROL_PATH}. */
    public Path folder() {
        return folder;
    }

    /** Whether {@code environment} can be given through the run's script: every name a shell variable's. */
    public static boolean canCarry(Map<String, String> environment) {
        return environment.keySet().stream().allMatch(k -> NAME.matcher(k).matches())
                && environment.values().stream().noneMatch(v -> v.indexOf('\0') >= 0);
    }

    /**
     * Whether the agent answers a run that does nothing within {@code wait}: false when it is not there (no
     * {@code sh}, or pipes that do not reach into the container); the agent is then closed.
     */
    public boolean ready(ExecutorService threads, Duration wait) {
        Ended ended = run(threads, "exit 0\n", wait, new CappedOutput(4096, text -> { }), () -> { }, () -> { },
                () -> false, null);
        boolean ready = ended.exitCode().isPresent() && ended.exitCode().getAsInt() == 0 && !ended.leftBehind();
        if (!ready) {
            close();
        }
        return ready;
    }

    /**
     * Runs {@code argv} with {@code environment} in {@code workDir}, its output into {@code output} as it comes.
     *
     * @param started       called when the agent takes the run, before its first output
     * @param killContainer kills the container; called when the run must be stopped, after which this agent is
     *                      closed and its container must be replaced
     * @param running       whether the container is still up: asked when the agent is slow to take the run
     * @param watchDisk     starts watching what the run writes, given what to call when it wrote too much; may be null
     * @return what the run did; empty when the agent did not take the run because its container is gone (the
     *         agent is closed then, and nothing of the run has started)
     */
    public Optional<Ended> run(ExecutorService threads, List<String> argv, Map<String, String> environment,
                               String workDir, Duration timeout, CappedOutput output, Runnable started,
                               Runnable killContainer, BooleanSupplier running, Function<Runnable, DiskWatch> watchDisk) {
        Ended ended = run(threads, script(argv, environment, workDir), timeout, output, started, killContainer,
                running, watchDisk);
        return ended == GONE ? Optional.empty() : Optional.of(ended);
    }

    private Ended run(ExecutorService threads, String script, Duration timeout, CappedOutput output,
                      Runnable started, Runnable killContainer, BooleanSupplier running,
                      Function<Runnable, DiskWatch> watchDisk) {
        if (closed) {
            throw new IllegalStateException("the agent was closed");
        }
        long n = ++sequence;
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch over = new CountDownLatch(1);
        CountDownLatch outputEnded = new CountDownLatch(1);
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();
        DiskWatch disk = null;
        boolean interrupted = false;
        Future<?> reading = null;
        Future<?> answering = null;
        try {
            writeRunScript(folder, script);
            reading = threads.submit(() -> pump(output, started, listenerFailure, taken, over, outputEnded));
            answering = threads.submit(() -> {
                answer.set(readReply(n));
                over.countDown();
            });
            disk = watchDisk == null ? null : watchDisk.apply(over::countDown);
            long t0 = System.nanoTime();
            requests.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
            Duration firstWait = timeout.compareTo(TAKE_WAIT) < 0 ? timeout : TAKE_WAIT;
            if (!await(taken, firstWait) && !Thread.currentThread().isInterrupted() && !running.getAsBoolean()) {
                close();
                return GONE;
            }
            boolean ended = await(over, timeout.minusNanos(System.nanoTime() - t0));
            interrupted = Thread.interrupted();
            Duration duration = Duration.ofNanos(System.nanoTime() - t0);
            String reply = answer.get();
            Matcher m = reply == null ? null : REPLY.matcher(reply);
            boolean answered = m != null && m.matches() && m.group(1).equals(Long.toString(n))
                    && m.group(2).length() < 4 && m.group(3).length() < 10;
            boolean stopped = !ended || !answered || output.truncated() || listenerFailure.get() != null
                    || (disk != null && disk.exceeded());
            boolean outputOpen = false;
            if (!stopped) {
                outputOpen = !await(outputEnded, OUTPUT_SETTLE);
                interrupted |= Thread.interrupted();
            }
            if (stopped || outputOpen) {
                killContainer.run();
                close();
            }
            boolean wroteTooMuch = disk != null && disk.finish();
            OptionalInt exitCode = stopped ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
            boolean leftBehind = stopped || outputOpen || Integer.parseInt(m.group(3)) != 1;
            return new Ended(exitCode, stopped, !ended, listenerFailure.get(), duration, wroteTooMuch, leftBehind);
        } catch (IOException e) {
            killContainer.run();
            close();
            return new Ended(OptionalInt.empty(), true, false, null, Duration.ZERO, false, true);
        } finally {
            if (disk != null) {
                disk.close();
            }
            settle(reading);
            settle(answering);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads the run's output to its end (every writer gone); stops at the output limit or a failing listener. */
    private void pump(CappedOutput output, Runnable started, AtomicReference<RuntimeException> failure,
                      CountDownLatch taken, CountDownLatch over, CountDownLatch ended) {
        byte[] buffer = new byte[8192];
        try (InputStream in = new FileInputStream(folder.resolve("out").toFile())) {
            if (closed) {
                return;
            }
            taken.countDown();
            try {
                started.run();
            } catch (RuntimeException e) {
                failure.set(e);
                over.countDown();
                return;
            }
            int read;
            while (!closed && (read = in.read(buffer)) > 0) {
                try {
                    output.write(buffer, 0, read);
                } catch (RuntimeException e) {
                    failure.set(e);
                    over.countDown();
                    return;
                }
                if (output.truncated()) {
                    over.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            // the pipe went with the folder: what arrived is kept
        } finally {
            ended.countDown();
        }
    }

    /** The agent's answer to run {@code n}; answers to earlier runs (a run may have asked for more) are passed over. */
    private String readReply(long n) {
        while (true) {
            String line = readLine();
            Matcher m = line == null ? null : REPLY.matcher(line);
            if (m == null || !m.matches() || m.group(1).length() > 18 || Long.parseLong(m.group(1)) >= n) {
                return line;
            }
        }
    }

    private String readLine() {
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = replies.read()) >= 0 && c != '\n') {
                if (line.length() < MAX_REPLY) {
                    line.append((char) c); // a longer line is no answer of the agent's: it is cut, and mismatches
                }
            }
            return closed ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Waits for a reader task of a run to end: at once after an answered run; after a stopped one (the agent then
     * closed), its pipes are opened here until it does. A reply reader is never woken while the agent is open, or
     * its wake-up line would be read as the next run's answer.
     */
    private void settle(Future<?> task) {
        if (task == null) {
            return;
        }
        for (int i = 0; i < 100 && !task.isDone(); i++) {
            if (closed) {
                wake();
            }
            try {
                task.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException retry) {
                // again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
        task.cancel(true);
    }

    /** Unblocks this side's readers: an opening of the output pipe that waits for a writer, a reply read. */
    private void wake() {
        try (RandomAccessFile out = new RandomAccessFile(folder.resolve("out").toFile(), "rw")) {
            // opened and closed: a reader waiting to open it goes on and then sees its end
        } catch (IOException e) {
            // the folder is gone
        }
        try {
            replies.write('\n');
        } catch (IOException e) {
            // closed
        }
    }

    /** Closes the host's ends and deletes the control folder; again is a no-op. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the output pipe is held open until the folder is gone: a reader opening it meanwhile does not wait
        RandomAccessFile holder = null;
        try {
            holder = new RandomAccessFile(folder.resolve("out").toFile(), "rw");
        } catch (IOException e) {
            // the folder is gone
        }
        try {
            replies.write('\n');
        } catch (IOException e) {
            // closed
        }
        try {
            requests.close();
            replies.close();
        } catch (IOException e) {
            // going anyway
        }
        deleteQuietly(folder);
        if (holder != null) {
            try {
                holder.close();
            } catch (IOException e) {
                // gone
            }
        }
    }

    /** The run's script: {@code cd}, {@code export}s and {@code exec}, every word in single quotes. */
    static String script(List<String> argv, Map<String, String> environment, String workDir) {
        if (!canCarry(environment) || argv.isEmpty()) {
            throw new IllegalArgumentException("not a run the agent can carry: " + argv);
        }
        // the agent's shells leave OLDPWD and a raised SHLVL behind; an exec session or a cold run has neither
        StringBuilder s = new StringBuilder("cd ").append(quote(workDir)).append(" || exit 126\nunset OLDPWD SHLVL\n");
        environment.forEach((k, v) -> s.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        s.append("exec");
        argv.forEach(word -> s.append(' ').append(quote(word)));
        return s.append('\n').toString();
    }

    /** {@code word} in single quotes, each quote in it closed, escaped and reopened: the shell takes it literally. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void writeRunScript(Path folder, String script) throws IOException {
        Path next = folder.resolve("run.next");
        Files.writeString(next, script, StandardCharsets.UTF_8);
        Files.move(next, folder.resolve("run"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // Ctrl-C of an embedding tool: as a timeout, the container is killed
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // a temp folder: the system's temp cleaning takes it
        }
    }
}
