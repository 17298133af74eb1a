package dev.progy.internal.host;

import dev.progy.spi.support.scratch.TempPaths;
import dev.progy.internal.course.RunnerProgram;

import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.spi.support.IoFailures;

import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.EnvironmentAllowlist;
import dev.progy.spi.support.protocol.Placeholders;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a course's process runner on the student's machine: the command and arguments of the runner with the
 * placeholders filled, in the workspace (or its {@code cwd} inside it), with no shell, an empty stdin, the
 * {@linkplain EnvironmentAllowlist allowlisted} environment plus {@code PROGY_OUTPUT_DIR} (a fresh folder outside
 * the workspace, removed after the run) and the request's extra variables. Output (stdout and stderr merged) is
 * heard as it arrives and kept up to 1 MiB. Where bubblewrap works, the program runs in namespaces of its own with
 * only the exercise's folder writable (see {@link HostIsolation}). At the timeout, or when the output limit is hit, the program and
 * every process it started are killed (see {@link ProcessTree}); when the program exits, whatever it left
 * running is killed too.
 *
 * <p>Per run it starts no thread of its own: output is read on a thread of a small pool kept by the runner,
 * and the calling thread waits for the first of exit, output limit and timeout.
 */
final class HostRunner implements Runner {

    /** How long to wait for the last output once every process of the run has been stopped. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final Map<String, String> hostEnv;
    private final Optional<Path> setsid;
    private final Supplier<HostIsolation> isolation;
    private final ExecutorService readers;

    /**
     * @param hostEnv the host variables allowed through (see {@link EnvironmentAllowlist#fromHost})
     * @param setsid  the {@code setsid} program, when the run should get its own session
     * @param isolation how runs are kept apart from the machine (asked for at the first run)
     */
    HostRunner(Map<String, String> hostEnv, Optional<Path> setsid, Supplier<HostIsolation> isolation) {
        this.hostEnv = Map.copyOf(hostEnv);
        this.setsid = setsid;
        this.isolation = isolation;
        AtomicInteger count = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "progy-host-output-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public RunResult run(RunRequest request, RunListener listener) {
        RunnerSpec spec = request.runner();
        if (spec.type() != RunnerType.PROCESS) {
            throw new ProgyException("the host runner runs process runners only, and runner '" + spec.id()
                    + "' is a " + spec.type().jsonName() + " runner", "use the docker or podman runner for it");
        }
        Path workspace = request.workspace().toAbsolutePath().normalize();
        Path exerciseDir = request.exerciseDir().toAbsolutePath().normalize();
        Placeholders values = Placeholders.forExercise(request.exercise(), exerciseDir.toString(), File.separatorChar);
        List<String> argv = values.fill(spec.command(), spec.args());
        Path cwd = workingFolder(workspace, spec, values);
        Optional<String> refused = RunnerProgram.whyRefused(argv.get(0), workspace, cwd);
        if (refused.isPresent()) {
            throw new UnsafePathException("refused to run: " + refused.get());
        }
        Path outputDir = createOutputDir();
        try {
            Map<String, String> progyEnv = new LinkedHashMap<>(request.extraEnv());
            progyEnv.put(ResultProtocol.OUTPUT_DIR_VARIABLE, outputDir.toString());
            Map<String, String> env = EnvironmentAllowlist.forRun(hostEnv, progyEnv);
            listener.started(request);
            RunResult result = execute(argv, cwd, env, outputDir, request, listener);
            listener.finished(result);
            return result;
        } finally {
            ScratchFolders.deleteQuietly(outputDir);
        }
    }

    /** What a host run of a runner with a network allowlist is told, before its output. */
    static String allowlistNote(List<String> hosts, boolean isolated) {
        String names = String.join(", ", hosts);
        return isolated
                ? "[progy] this runner may reach only " + names + ", which needs a container engine (a docker-file"
                  + " runner); a host run gets no network at all\n"
                : "[progy] this runner may reach only " + names + ", but host runs here are not isolated: its code can"
                  + " reach any host (install bubblewrap to run it without network, or use a docker-file runner)\n";
    }

    private RunResult execute(List<String> argv, Path cwd, Map<String, String> env, Path outputDir,
                              RunRequest request, RunListener listener) {
        long started = System.nanoTime();
        if (!Files.isDirectory(cwd)) {
            return ResultProtocol.couldNotStart("the runner's working folder " + cwd
                    + " does not exist in the workspace; check \"cwd\" in course.json", since(started));
        }
        Optional<Path> program = CommandLookup.find(argv.get(0), cwd, env.get("PATH"));
        if (program.isEmpty()) {
            return ResultProtocol.couldNotStart(CommandLookup.whyNotFound(argv.get(0), cwd), since(started));
        }
        List<String> programArgv = new ArrayList<>(argv.size());
        programArgv.add(program.get().toString());
        programArgv.addAll(argv.subList(1, argv.size()));
        // an allowlist is kept by a container engine's egress proxy; a host run cannot keep it, so it gets no
        // network where bubblewrap can take it away, and is told so either way
        boolean allowlisted = request.runner().networkAllowlisted();
        boolean network = request.runner().networkAccess() && request.networkConsent().isPresent() && !allowlisted;
        List<String> command = new ArrayList<>();
        setsid.ifPresent(s -> command.add(s.toString()));
        command.addAll(isolation.get().wrap(programArgv, request.workspace().toAbsolutePath().normalize(),
                request.exerciseDir().toAbsolutePath().normalize(), outputDir, cwd,
                Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank()).map(Path::of), network));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return ResultProtocol.couldNotStart(argv.get(0) + " could not be started: " + IoFailures.describe(e),
                    since(started));
        }
        ProcessTree tree = new ProcessTree(process, setsid.isPresent());
        try {
            closeQuietly(process.getOutputStream()); // an empty stdin: a program waiting for input gets EOF at once

            CappedOutput output = new CappedOutput(CappedOutput.OUTPUT_LIMIT_BYTES, listener::output);
            if (allowlisted) {
                byte[] note = allowlistNote(request.runner().networkAllow(), isolation.get().isolated())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                output.write(note, 0, note.length);
            }
            CompletableFuture<Stop> stop = new CompletableFuture<>();
            process.onExit().thenRun(() -> stop.complete(Stop.EXITED));
            Future<?> reading = readers.submit(() -> pump(process.getInputStream(), output, stop));

            Stop why = awaitStop(stop, request.timeout().toNanos() - (System.nanoTime() - started), tree);
            if (why == Stop.EXITED) {
                tree.killLeftovers();
            } else {
                tree.kill();
            }
            awaitQuietly(reading);
            OptionalInt exitCode = awaitExit(process);
            output.close();
            Duration took = since(started);
            if (why == Stop.LISTENER_FAILED) {
                rethrowListenerFailure(reading);
            }
            RawRun raw = new RawRun(exitCode, output.text(), output.truncated(), why == Stop.TIMEOUT, false,
                    ResultProtocol.readResultsFile(outputDir), took);
            return ResultProtocol.read(raw, request.runner().limits().withTimeout(request.timeout()));
        } finally {
            tree.finished();
        }
    }

    /** Why the waiting ended. */
    private enum Stop { EXITED, TIMEOUT, OUTPUT_LIMIT, LISTENER_FAILED }

    private static Stop awaitStop(CompletableFuture<Stop> stop, long remainingNanos, ProcessTree tree) {
        try {
            return stop.get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Stop.TIMEOUT;
        } catch (InterruptedException e) {
            tree.kill();
            Thread.currentThread().interrupt();
            throw new ProgyException("the run was interrupted, and its processes were stopped", "");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run's stop signal never fails", e);
        }
    }

    /** Reads the program's output into {@code output} until the end or the limit; runs on a reader thread. */
    private static void pump(InputStream in, CappedOutput output, CompletableFuture<Stop> stop) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                output.write(buffer, 0, n);
                if (output.truncated()) {
                    stop.complete(Stop.OUTPUT_LIMIT);
                    return;
                }
            }
        } catch (IOException e) {
            // the pipe was closed under us: the run is over
        } catch (RuntimeException e) {
            stop.complete(Stop.LISTENER_FAILED);
            throw e;
        }
    }

    private static void awaitQuietly(Future<?> reading) {
        try {
            reading.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a process that escaped the kill still holds the output open, or a listener failed (rethrown later)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OptionalInt awaitExit(Process process) {
        try {
            return process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static void rethrowListenerFailure(Future<?> reading) {
        try {
            reading.get(0, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            // not done: nothing to rethrow
        }
    }

    /** The runner's working folder: the workspace, or its {@code cwd} inside it — never outside. */
    private static Path workingFolder(Path workspace, RunnerSpec spec, Placeholders values) {
        if (spec.cwd().isEmpty() || spec.cwd().get().isBlank()) {
            return workspace;
        }
        String declared = values.fill(spec.cwd().get(), "cwd");
        Path cwd = workspace.resolve(declared).normalize();
        if (!cwd.startsWith(workspace)) {
            throw new UnsafePathException("refused to run: the runner's cwd '" + declared
                    + "' leads outside the workspace");
        }
        if (Files.isDirectory(cwd)) {
            try {
                if (!cwd.toRealPath().startsWith(workspace.toRealPath())) {
                    throw new UnsafePathException("refused to run: the runner's cwd '" + declared
                            + "' is a link leading outside the workspace");
                }
            } catch (IOException e) {
                throw new ProgyException("could not resolve the runner's working folder " + cwd + ": "
                        + IoFailures.describe(e), "check that the workspace is readable", e);
            }
        }
        return cwd;
    }

    private static Path createOutputDir() {
        try {
            return TempPaths.createDirectory("progy-out-");
        } catch (IOException e) {
            throw new ProgyException("could not create a temporary folder for the run's results: " + IoFailures.describe(e),
                    "check that the temporary folder (java.io.tmpdir) exists and has space", e);
        }
    }

    private static void closeQuietly(java.io.OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the program is already gone
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public List<String> notes() {
        HostIsolation i = isolation.get();
        return i.isolated() ? List.of() : List.of(i.note());
    }

    @Override
    public void close() {
        readers.shutdown();
    }
}
