package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.RecordedRun;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.RunResult;
import dev.progy.spi.Hint;
import dev.progy.spi.RunnerProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

@Command(name = "watch", description = {"Run an exercise, then run it again each time you save (default: the next unfinished one).",
        "When it passes, moves on to the next exercise. Keys (then Enter): r = run again, h = hint, q = quit.",
        "Ends with exit code 0 when you quit or every exercise has passed; with --max-runs, with the last run's exit code."})
final class WatchCommand implements Callable<Integer> {
    private static final String CHANGED = "\u0000changed";
    private static final String EOF = "\u0000eof";

    private final CliContext ctx;

    @Mixin
    WorkspaceOptions common;

    @Parameters(arity = "0..1", paramLabel = "<exercise>", description = ExerciseChoice.HELP)
    String exercise;

    @Option(names = "--poll", description = "Check files for changes every second instead of relying on file events "
            + "(for WSL2, network or container file systems; chosen by itself when events don't arrive).")
    boolean poll;

    @Option(names = "--debounce", defaultValue = "150", paramLabel = "<ms>", description = "Wait this long for more saves before running (default: ${DEFAULT-VALUE} ms).")
    long debounceMs;

    @Option(names = "--max-runs", defaultValue = "0", paramLabel = "<n>", description = "Stop after this many runs (0 = never; for scripts and benchmarks).")
    int maxRuns;

    @Mixin
    EngineOption engine;

    @Mixin
    CourseRunnerOption courseRunner;

    @Option(names = "--cold", description = "Start a new container for every run instead of re-running in a warm one "
            + "(container courses; slower, for comparing).")
    boolean cold;

    @Mixin
    NetworkConsent network;

    WatchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        engine.applyTo(ctx);
        // one container per course image stays up between runs, each check an exec in it (container courses)
        ctx.set(RunnerProvider.WARM_KEY, Boolean.toString(!cold));
        Workspace ws = ctx.workspace(common.dir);
        Style style = ctx.style(common.noColor);
        // asked before the key reader starts: both read the terminal
        network.settle(ctx, ws, courseRunner.pick(ws), false, style);
        RunnerNotes.showOnce(ctx, ws, courseRunner.pick(ws), false, style);
        Telemetry.ask(ctx, ws, false, style);
        if (!SetupReport.ready(ctx, ws, false, style)) {
            return ExitCode.RUNNER_UNAVAILABLE;
        }
        ResultPrinter printer = new ResultPrinter(ctx.out, style);
        Exercise current = ExerciseChoice.pick(ctx, ws, exercise);
        if (current == null) {
            return ExitCode.OK;
        }
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        Thread keys = new Thread(() -> readKeys(inbox), "progy-watch-keys");
        keys.setDaemon(true);
        keys.start();
        Path watched = ws.root().resolve(ws.course().root().relativize(ws.course().exercisesDir()));
        Thread changes = null;
        int runs = 0;
        try (ChangeWatcher watcher = new ChangeWatcher(watched, poll, Duration.ofSeconds(1), () -> ctx.out.println(style.yellow(
                "File events don't seem to arrive here (WSL2, a network or container file system?): switched to checking "
                        + "every second. Start with `progy watch --poll` to skip this.")))) {
            changes = new Thread(() -> forwardChanges(watcher, inbox), "progy-watch-files");
            changes.setDaemon(true);
            changes.start();
            while (true) {
                Map<Path, Long> before = watcher.stamps();
                printer.header(current);
                RecordedRun recorded = ctx.progy().runAndRecord(ws, current, courseRunner.pick(ws), new BuildProgress(ctx, style));
                RunResult r = recorded.result();
                BackgroundBackup.afterRun(ctx, ws, current, r);
                Telemetry.afterRun(ctx, ws, current, r);
                printer.print(r, false);
                NotSaved.report(ctx, style, recorded);
                TutorOffer.afterRun(ctx, ws, current, r, style, false);
                runs++;
                // what the run itself wrote is not a save: later changes are measured against the files as it left them
                inbox.removeIf(CHANGED::equals);
                Map<Path, Long> after = watcher.stamps();
                if (maxRuns > 0 && runs >= maxRuns) {
                    return ResultPrinter.exitCode(r);
                }
                Exercise ran = current;
                if (r.passed() && exercise == null) {
                    Optional<ExerciseState> next = ctx.progy().nextExercise(ws);
                    if (next.isEmpty()) {
                        ctx.out.println(style.green("Every exercise has passed. Well done!"));
                        return ExitCode.OK;
                    }
                    current = next.get().exercise();
                    ctx.out.println(style.bold("Next up: " + current.id()) + " — edit "
                            + ctx.cwd.relativize(ws.entryFile(current)) + " and save.");
                }
                if (current == ran && savedDuringRun(before, after, watched, ws.course().exercisesDir())) {
                    ctx.out.println(style.dim("Saved while it ran: running again."));
                    continue;
                }
                ctx.out.println(style.dim("Watching for changes… (r = run, h = hint, q = quit)"));
                ctx.out.flush();
                if (!awaitCommand(inbox, watcher, after, ws, current, style)) {
                    return ExitCode.OK;
                }
            }
        } finally {
            if (changes != null) {
                changes.interrupt();
            }
        }
    }

    /**
     * Whether one of the course's own files (what a student edits, as opposed to what a runner writes next to
     * it) changed while the run went on: the run may have read it before the save, so its verdict is stale.
     */
    private static boolean savedDuringRun(Map<Path, Long> before, Map<Path, Long> after, Path watched, Path pristine) {
        Set<Path> files = new HashSet<>(before.keySet());
        files.addAll(after.keySet());
        for (Path f : files) {
            if (!Objects.equals(before.get(f), after.get(f))
                    && Files.isRegularFile(pristine.resolve(watched.relativize(f).toString()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for a save or a key: true to run, false to quit. Saves that follow within the debounce window are
     * merged, and a change that leaves every file as the last run left it (a runner's late writes) is no save.
     */
    private boolean awaitCommand(BlockingQueue<String> inbox, ChangeWatcher watcher, Map<Path, Long> baseline,
                                 Workspace ws, Exercise current, Style style) throws InterruptedException, IOException {
        while (true) {
            String msg = inbox.take();
            switch (msg) {
                case CHANGED -> {
                    String more;
                    while ((more = inbox.poll(debounceMs, TimeUnit.MILLISECONDS)) != null) {
                        if (!more.equals(CHANGED)) {
                            inbox.add(more);
                            break;
                        }
                    }
                    if (!watcher.stamps().equals(baseline)) {
                        return true;
                    }
                }
                case EOF -> {
                    // no keyboard (stdin closed): keep watching files only
                }
                default -> {
                    String key = msg.trim().toLowerCase(java.util.Locale.ROOT);
                    if (key.equals("q") || key.equals("quit")) {
                        return false;
                    }
                    if (key.equals("h")) {
                        Hint hint = ctx.progy().hint(ws, current);
                        HintCommand.print(ctx, current, hint, style);
                        Telemetry.afterHint(ctx, ws, current);
                        ctx.out.flush();
                    } else if (key.equals("r") || key.isEmpty()) {
                        return true;
                    }
                }
            }
        }
    }

    private void readKeys(BlockingQueue<String> inbox) {
        try {
            String line;
            while ((line = ctx.in.readLine()) != null) {
                inbox.add(line);
            }
        } catch (IOException ignored) {
            // stdin gone: same as closed
        }
        inbox.add(EOF);
    }

    private static void forwardChanges(ChangeWatcher watcher, BlockingQueue<String> inbox) {
        try {
            while (watcher.isOpen() && !Thread.currentThread().isInterrupted()) {
                if (watcher.awaitChange(Duration.ofSeconds(60))) {
                    inbox.add(CHANGED);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the watcher was closed: the command is over
        }
    }
}
