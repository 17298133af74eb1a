package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.cli.ui.UiHooks;
import dev.progy.cli.ui.UiServer;
import dev.progy.model.Exercise;
import dev.progy.model.QuizQuestion;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunnerProvider;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "ui", description = {UiCommand.ABOUT,
        "Serves on 127.0.0.1 only; the printed address holds a secret that lets only your browser in. Stops with Ctrl-C, "
                + "the Stop button, or by itself when no page has been open for a while."})
final class UiCommand implements Callable<Integer> {
    static final String ABOUT = "Open the course in your browser: map, instructions, Run with live output, hints, quizzes.";
    /** The workspace setting holding the command that opens a file in the student's editor. */
    static final String EDITOR_SETTING = "editor";
    private final CliContext ctx;

    @Mixin
    WorkspaceOptions common;

    @Option(names = "--port", defaultValue = "0", paramLabel = "<port>", description = "The port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--no-open", description = "Print the address only; do not open a browser.")
    boolean noOpen;

    @Option(names = "--idle-timeout", defaultValue = "600", paramLabel = "<seconds>",
            description = "Stop when no page has been open for this long (default: ${DEFAULT-VALUE} s).")
    long idleSeconds;

    @Option(names = "--editor", paramLabel = "<command>", description = "The command that opens a file in your editor, "
            + "saved for this workspace; {file} and {line} are replaced, else the file is added at the end "
            + "(e.g. \"code --goto {file}:{line}\"). Default: PROGY_EDITOR, VISUAL, then EDITOR.")
    String editor;

    @Mixin
    EngineOption engine;

    @Mixin
    CourseRunnerOption courseRunner;

    UiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        engine.applyTo(ctx);
        ctx.set(RunnerProvider.WARM_KEY, "true"); // as progy watch: one warm container per course image between runs
        Workspace ws = ctx.workspace(common.dir);
        Style style = ctx.style(common.noColor);
        if (port < 0 || port > 65535) {
            throw new ProgyException("--port " + port + " is not a port", "give one from 1 to 65535, or leave it out for a free one");
        }
        if (editor != null) {
            if (editor.isBlank()) {
                ctx.progy().removeSetting(ws, EDITOR_SETTING);
            } else {
                ctx.progy().saveSetting(ws, EDITOR_SETTING, editor);
            }
        }
        String editorCommand = editor != null ? editor : ws.setting(EDITOR_SETTING).orElse(null);
        RunnerSpec runner = courseRunner.pick(ws);
        UiServer server;
        try {
            server = UiServer.start(ctx.progy(), ws, new Hooks(ws, runner, editorCommand, style), port,
                    Duration.ofSeconds(Math.max(1, idleSeconds)), Clock.systemUTC());
        } catch (java.net.BindException e) {
            throw new ProgyException("port " + port + " on 127.0.0.1 is taken", "choose another with --port, or leave "
                    + "--port out for a free one");
        }
        Thread onCtrlC = new Thread(server::close, "progy-ui-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            ctx.out.println(style.bold("progy ui") + ": " + ws.course().name() + " at");
            ctx.out.println("  " + server.address());
            ctx.out.println(style.dim("Only this computer can open it, with the secret in the address. Ctrl-C stops it, "
                    + "as do " + idleSeconds + " s with no page open."));
            if (!noOpen && !openBrowser(server.address())) {
                ctx.out.println("No browser found to open here: copy the address into one.");
            }
            ctx.out.flush();
            server.awaitStop();
            ctx.out.println("progy ui stopped.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // the JVM is already stopping (Ctrl-C): the hook is running
            }
        }
        return ExitCode.OK;
    }

    /** The system's own way to open an address, without a shell; false when there is none here. */
    private boolean openBrowser(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command;
        if (os.contains("mac")) {
            command = List.of("open", url);
        } else if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
        } else if (ctx.env.containsKey("DISPLAY") || ctx.env.containsKey("WAYLAND_DISPLAY")) {
            command = List.of("xdg-open", url);
        } else {
            return false;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the pages do, done as the commands do it. */
    private final class Hooks implements UiHooks {
        private final Workspace ws;
        private final RunnerSpec runner;
        private final String editorCommand;
        private final Style style;

        Hooks(Workspace ws, RunnerSpec runner, String editorCommand, Style style) {
            this.ws = ws;
            this.runner = runner;
            this.editorCommand = editorCommand;
            this.style = style;
        }

        @Override
        public RunnerSpec runner() {
            return runner;
        }

        @Override
        public Optional<String> notReady() {
            synchronized (ctx) {
                return SetupReport.ready(ctx, ws, false, style) ? Optional.empty()
                        : Optional.of("A setup check of the course failed: the terminal where progy ui runs says which.");
            }
        }

        @Override
        public void afterRun(Exercise exercise, RunResult result) {
            TutorOffer.record(ws, exercise, result);
            BackgroundBackup.afterRun(ctx, ws, exercise, result);
            BackgroundSync.afterRun(ctx, ws);
            Telemetry.afterRun(ctx, ws, exercise, result);
        }

        @Override
        public Optional<List<String>> networkQuestion() {
            return NetworkConsent.pending(ws, runner);
        }

        @Override
        public String answerNetwork(boolean allow) {
            synchronized (ctx) {
                return NetworkConsent.record(ctx, ws, runner, allow);
            }
        }

        @Override
        public Optional<String> tutorOffer(Exercise exercise) {
            return TutorOffer.offer(ws, exercise);
        }

        @Override
        public TutorReply askTutor(Exercise exercise) {
            TutorLessons.Outcome o;
            try {
                o = TutorLessons.obtain(ctx, ws, exercise, null, style, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new TutorReply(null, "No lesson: progy ui is stopping.", "", "");
            }
            if (o.lesson() != null) {
                return new TutorReply(lesson(o.lesson()), "", "", "");
            }
            return new TutorReply(null, TutorLessons.reason(o.why()), HintCommand.label(exercise, o.hint()),
                    o.hint().text());
        }

        @Override
        public List<Lesson> pastLessons(Exercise exercise) {
            return TutorLessons.past(ctx, ws, null, exercise.id()).stream().map(this::lesson).toList();
        }

        @Override
        public String rateLesson(String lessonId, String stars) {
            try {
                return TutorLessons.rate(ctx, ws, null, lessonId, stars);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProgyException("Your rating was not saved: progy ui is stopping.", "Rate it with "
                        + "`progy tutor rate " + lessonId + " <1-5>`.");
            }
        }

        private Lesson lesson(dev.progy.sync.tutor.Lesson l) {
            return new Lesson(l.id(), l.exercise(), l.test(), l.createdAt().map(TutorLessons.SHOWN::format).orElse(""),
                    l.misconception(), l.markdown(), l.source().equals("course-hint"), l.rating().orElse(0));
        }

        @Override
        public void afterHint(Exercise exercise) {
            Telemetry.afterHint(ctx, ws, exercise);
        }

        @Override
        public void afterQuiz(Exercise exercise, int score) {
            Telemetry.afterQuiz(ctx, ws, exercise, score);
        }

        @Override
        public String rightAnswer(QuizQuestion question) {
            return QuizAnswers.right(question);
        }

        @Override
        public String hintBody(String markdown, String label) {
            return TerminalMarkdown.withoutLeadingTitle(markdown, label);
        }

        @Override
        public String backupStatus() {
            return command("backup", "--status");
        }

        @Override
        public String backUpNow() {
            return command("backup", "--now");
        }

        @Override
        public String syncStatus() {
            try {
                return SyncSettings.of(ctx, ws).map(s -> "Syncs with " + s.server()
                                + (s.token().isEmpty() ? " (no token saved: run progy login " + s.server() + ")" : "."))
                        .orElse("No sync server is set up: `progy login <url>`, then `progy sync --server <url>`.");
            } catch (ProgyException e) {
                return e.getMessage();
            }
        }

        @Override
        public String syncNow() {
            return command("sync");
        }

        /** Runs a progy command in-process on this workspace and returns what it printed, errors included. */
        private String command(String... args) {
            StringWriter out = new StringWriter();
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--no-color", "--dir", ws.root().toString()));
            try (CliContext sub = new CliContext(ctx.cwd, new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                    new PrintWriter(out, true), ctx.env, false)) {
                Main.run(all.toArray(String[]::new), sub);
                ctx.background.addAll(sub.background);
            }
            return out.toString().strip();
        }

        @Override
        public AutoCloseable watch(Path folder, Runnable onSave) throws IOException {
            ChangeWatcher watcher = new ChangeWatcher(folder, false, Duration.ofSeconds(1), () -> { });
            Thread t = new Thread(() -> {
                try {
                    while (watcher.isOpen() && !Thread.currentThread().isInterrupted()) {
                        if (watcher.awaitChange(Duration.ofSeconds(60))) {
                            onSave.run();
                        }
                    }
                } catch (IOException | InterruptedException | RuntimeException ignored) {
                    // closed: the page turned watching off
                }
            }, "progy-ui-watch");
            t.setDaemon(true);
            t.start();
            return () -> {
                t.interrupt();
                watcher.close();
            };
        }

        @Override
        public Optional<List<String>> editor(Path file, int line) {
            String command = editorCommand;
            for (String name : List.of("PROGY_EDITOR", "VISUAL", "EDITOR")) {
                if (command == null || command.isBlank()) {
                    command = ctx.env.get(name);
                }
            }
            if (command == null || command.isBlank()) {
                return Optional.empty();
            }
            List<String> args = new ArrayList<>();
            boolean placed = false;
            for (String word : command.trim().split("\\s+")) {
                placed |= word.contains("{file}");
                args.add(word.replace("{file}", file.toString()).replace("{line}", Integer.toString(Math.max(1, line))));
            }
            if (!placed) {
                args.add(file.toString());
            }
            return Optional.of(args);
        }
    }
}
