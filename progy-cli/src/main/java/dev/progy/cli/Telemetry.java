package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.registry.HttpRegistryProvider;
import dev.progy.sync.telemetry.CourseRequest;
import dev.progy.sync.telemetry.TelemetryRecorder;
import dev.progy.sync.telemetry.TelemetryStore;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The hooks of the commands into telemetry (issue 16), each one line at its call site and none ever failing a
 * command: the question before a run when the course asks for telemetry, and the events after a run, a hint or a
 * quiz, followed by a detached {@code progy telemetry send} as {@link BackgroundSync} does for progress.
 */
final class Telemetry {

    private Telemetry() { }

    /**
     * Asks the student once per workspace, when the course asks for telemetry, nothing is recorded yet, and a person
     * can answer: a terminal, not {@code --json}, not in CI.
     */
    static void ask(CliContext ctx, Workspace ws, boolean json, Style style) {
        try {
            if (!ctx.terminal || json || ctx.env.containsKey("CI")) {
                return;
            }
            TelemetryStore store = TelemetryStore.in(ws.stateDir());
            if (store.consent() != TelemetryStore.Consent.UNASKED || !CourseRequest.asks(ws.course().root())) {
                return;
            }
            ctx.err.println(style.bold("This course asks for anonymous usage data") + " to learn where students struggle:");
            ctx.err.println("  which exercises you start, pass or fail (the kind of error, never your code, names or paths),"
                    + " hints and quiz scores,");
            ctx.err.println("  under a random id for this workspace only. See it with `progy telemetry show`;"
                    + " change your mind with `progy telemetry on|off`.");
            ctx.err.print("  Send anonymous usage data for this course? [y/N] ");
            ctx.err.flush();
            String line = ctx.in.readLine();
            boolean yes = line != null && line.trim().toLowerCase(Locale.ROOT).startsWith("y");
            store.setConsent(yes, Instant.now());
            ctx.err.println(yes ? "  thank you: turned on (recorded in .progy/telemetry/)"
                    : "  nothing will be sent (recorded; `progy telemetry on` turns it on)");
        } catch (IOException | RuntimeException e) {
            // the run is what the student asked for
        }
    }

    /** Records the run's events and starts sending them. */
    static void afterRun(CliContext ctx, Workspace ws, Exercise ex, RunResult r) {
        record(ctx, ws, rec -> rec.run(ex.id(), r, Instant.now()));
    }

    /**
     * For a one-shot {@code progy run}: while the exercise runs, a thread goes through the recording once without
     * writing and looks up where to send (in a fresh JVM the first pass through the recorder, the error signature and
     * the saved logins costs ≈ 7 ms, and the run mostly waits for the exercise's process); once the result is known
     * ({@link Prepared#result}) the same thread records it while the command prints it, and {@link Prepared#finish}
     * waits for it. Records as {@link #afterRun} does.
     */
    static Prepared prepare(CliContext ctx, Workspace ws, Exercise ex) {
        Prepared p = new Prepared(ctx, ws, ex);
        if (!TelemetryStore.in(ws.stateDir()).present()) {
            return p; // never turned on here: no thread, nothing to record
        }
        Thread t = new Thread(p::work, "progy-telemetry");
        t.setDaemon(true);
        p.thread = t;
        t.start();
        return p;
    }

    /** The telemetry of one run, prepared while it runs and recorded beside the printing of its result. */
    static final class Prepared {
        private static final RunResult SAMPLE = new RunResult(RunResult.Status.FAIL, RunResult.Termination.NORMAL,
                "", List.of(), List.of(), "", false, OptionalInt.of(1), OptionalInt.empty(), Duration.ZERO,
                RunResult.Source.EXIT_CODE);
        private final CliContext ctx;
        private final Workspace ws;
        private final Exercise ex;
        private final java.util.concurrent.CompletableFuture<RunResult> result = new java.util.concurrent.CompletableFuture<>();
        private Thread thread;

        private Prepared(CliContext ctx, Workspace ws, Exercise ex) {
            this.ctx = ctx;
            this.ws = ws;
            this.ex = ex;
        }

        private void work() {
            Optional<String> server;
            try {
                TelemetryStore store = TelemetryStore.in(ws.stateDir());
                if (!new TelemetryRecorder(store, ws.course().id(), ws.course().version())
                        .rehearse(ex.id(), SAMPLE, Instant.now())) {
                    return;
                }
                server = server(ctx);
            } catch (RuntimeException e) {
                server = null; // looked up again when a send is due
            }
            RunResult r;
            try {
                r = result.get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                return;
            }
            if (r != null) {
                record(ctx, ws, rec -> rec.run(ex.id(), r, Instant.now()), server);
            }
        }

        /** The run ended with {@code r}: recorded now, beside the command's own work. */
        void result(RunResult r) {
            result.complete(r);
        }

        /** Waits (at most a few seconds) until the run's events are recorded; the run had no result: nothing. */
        void finish() {
            result.complete(null);
            if (thread == null) {
                return;
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records that a hint was shown. */
    static void afterHint(CliContext ctx, Workspace ws, Exercise ex) {
        record(ctx, ws, rec -> rec.hint(ex.id(), Instant.now()));
    }

    /** Records a quiz's score. */
    static void afterQuiz(CliContext ctx, Workspace ws, Exercise ex, int score) {
        record(ctx, ws, rec -> rec.quiz(ex.id(), score, Instant.now()));
    }

    /** Records that a tutor lesson was shown. */
    static void afterLesson(CliContext ctx, Workspace ws, String exercise) {
        record(ctx, ws, rec -> rec.lesson(exercise, Instant.now()));
    }

    /** Records a tutor lesson's rating. */
    static void afterRating(CliContext ctx, Workspace ws, String exercise, int stars) {
        record(ctx, ws, rec -> rec.lessonRated(exercise, stars, Instant.now()));
    }

    private static void record(CliContext ctx, Workspace ws, java.util.function.Predicate<TelemetryRecorder> event) {
        record(ctx, ws, event, null);
    }

    /** {@code known}: where to send, looked up already; null to look it up when a send is due. */
    private static void record(CliContext ctx, Workspace ws, java.util.function.Predicate<TelemetryRecorder> event,
                               Optional<String> known) {
        try {
            TelemetryStore store = TelemetryStore.in(ws.stateDir());
            if (known == null && !store.enabled()) {
                return; // (prepared: the rehearsal found it on, and the recorder looks again under its lock)
            }
            boolean due = event.test(new TelemetryRecorder(store, ws.course().id(), ws.course().version()));
            Optional<String> server = !due ? Optional.empty() : known != null ? known : server(ctx);
            if (server.isPresent() && !"0".equals(ctx.config().get("progy.telemetry.background"))) {
                // a server given as -D reaches the child through its environment
                DetachedProgy.start(ctx, ws.root(), Map.of("PROGY_REGISTRY_SERVER", server.get()),
                        "telemetry", "send", "--dir", ws.root().toString());
            }
        } catch (IOException | RuntimeException e) {
            // telemetry never costs the student a command
        }
    }

    /**
     * Where telemetry goes: the server the registry and sync use ({@code PROGY_REGISTRY_SERVER}, else
     * {@code PROGY_SYNC_SERVER}, else the workspace's sync server, else the only server you are signed in to).
     */
    static Optional<String> server(CliContext ctx) {
        Optional<String> named = ctx.config().find(HttpRegistryProvider.SERVER_KEY);
        if (named.isPresent()) {
            return named.map(s -> ProgressSync.serverUri(s).toString());
        }
        try {
            return ServerChoice.find(ctx, null, true, "progy telemetry send");
        } catch (RuntimeException e) {
            return Optional.empty(); // signed in to several servers and none named: send nowhere
        }
    }
}
