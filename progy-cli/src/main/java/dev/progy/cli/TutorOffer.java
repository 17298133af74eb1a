package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.sync.tutor.FailureHistory;
import dev.progy.sync.tutor.OwnFiles;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * After each run of {@code progy run} and {@code progy watch}: the run goes into the exercise's failure history, and
 * when the same test has failed {@value #AFTER_KEY} runs in a row (3 unless the workspace says otherwise), one line
 * offers a lesson — or, when the student turned that on ({@code progy tutor --auto on}), the lesson is fetched at
 * once. Never costs the student the run: whatever goes wrong here is passed over.
 */
final class TutorOffer {

    /** Workspace setting: after how many failures in a row of the same test a lesson is offered. */
    static final String AFTER_KEY = "tutor.after";
    /** Workspace setting: {@code on} to fetch the lesson by itself instead of offering it. */
    static final String AUTO_KEY = "tutor.auto";
    static final int DEFAULT_AFTER = 3;

    private TutorOffer() { }

    static void afterRun(CliContext ctx, Workspace ws, Exercise ex, RunResult r, Style style, boolean json) {
        Optional<List<FailureHistory.Attempt>> history = record(ws, ex, r);
        if (history.isEmpty() || json) {
            return;
        }
        Optional<FailureHistory.Streak> streak = due(ws, history.get());
        if (streak.isEmpty()) {
            return;
        }
        int after = after(ws);
        FailureHistory.Streak s = streak.get();
        boolean auto = ws.setting(AUTO_KEY).map("on"::equals).orElse(false);
        if (auto && s.times() == after) {
            ctx.out.println(style.bold("🎓 " + subject(s.test()) + " failed " + s.times()
                    + " times in a row: asking the tutor for a lesson (`progy tutor --auto off` stops this)."));
            try {
                TutorLessons.fetch(ctx, ws, ex, null, style, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the run's result is what was asked for
            }
            return;
        }
        ctx.out.println(style.bold(line(ex, s)));
    }

    /** Puts the run in the exercise's failure history and returns it; empty when that could not be done (passed over). */
    static Optional<List<FailureHistory.Attempt>> record(Workspace ws, Exercise ex, RunResult r) {
        try {
            return Optional.of(FailureHistory.in(ws.stateDir()).record(ex.id(),
                    FailureHistory.Attempt.of(r, OwnFiles.read(ws, ex), Instant.now())));
        } catch (RuntimeException e) {
            return Optional.empty(); // the history is a help, never a reason for a run to fail
        }
    }

    /** The offer's line when the failure history says a lesson is due (as after a run), else empty. */
    static Optional<String> offer(Workspace ws, Exercise ex) {
        return streak(ws, ex).map(s -> line(ex, s));
    }

    private static Optional<FailureHistory.Streak> streak(Workspace ws, Exercise ex) {
        try {
            return due(ws, FailureHistory.in(ws.stateDir()).attempts(ex.id()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The streak of failures in {@code history} when it is long enough for a lesson. */
    private static Optional<FailureHistory.Streak> due(Workspace ws, List<FailureHistory.Attempt> history) {
        Optional<FailureHistory.Streak> streak = FailureHistory.streak(history);
        if (streak.isEmpty()) {
            return streak; // the run passed: no setting needs reading
        }
        int after = after(ws);
        return streak.filter(s -> s.times() >= after);
    }

    private static String line(Exercise ex, FailureHistory.Streak s) {
        return "🎓 " + subject(s.test()) + " failed " + s.times() + " times in a row: `progy tutor "
                + ex.id() + "` explains the idea behind it (or `progy tutor --auto on` to get it by itself).";
    }

    static int after(Workspace ws) {
        try {
            return Math.max(1, Integer.parseInt(ws.setting(AFTER_KEY).orElse(Integer.toString(DEFAULT_AFTER)).trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_AFTER;
        }
    }

    private static String subject(String test) {
        return test.equals(FailureHistory.NO_TEST) ? "The run" : "The test " + test;
    }
}
