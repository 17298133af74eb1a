package dev.progy.internal.hints;

import dev.progy.model.Diagnostic;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.AiProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;

import java.util.List;
import java.util.Optional;

/**
 * Hints without a network: first the exercise's own hints, one at a time; once they are used up, a pointer at
 * what the last failing run reported; then a plain "nothing more to say".
 */
final class OfflineAiProvider implements AiProvider {

    /** Messages are quoted up to this length: a hint points the way, the full output is in the run result. */
    private static final int MAX_QUOTE = 300;

    @Override
    public Hint hint(HintRequest request) {
        Exercise exercise = request.exercise();
        List<String> hints = exercise.hints();
        int seen = Math.max(0, request.hintsRevealed());
        if (seen < hints.size()) {
            return new Hint("**Hint " + (seen + 1) + " of " + hints.size() + "**\n\n" + hints.get(seen).strip(),
                    Hint.Kind.STATIC, seen + 1);
        }
        Optional<RunResult> failedRun = request.lastRun().filter(r -> !r.passed());
        if (failedRun.isPresent()) {
            Optional<String> pointer = pointAtFailure(failedRun.get(), hints.isEmpty());
            if (pointer.isPresent()) {
                return new Hint(pointer.get(), Hint.Kind.FAILING_TEST, seen);
            }
        }
        return new Hint(nothingMore(hints.size(), request.lastRun()), Hint.Kind.NONE, seen);
    }

    /** The first failing test and the first error, where the run reported any. */
    private static Optional<String> pointAtFailure(RunResult run, boolean noStaticHints) {
        StringBuilder text = new StringBuilder();
        if (run.termination() != RunResult.Termination.NORMAL) {
            text.append(switch (run.termination()) {
                case TIMEOUT -> "Your last run was stopped because it took too long. Look for a loop that never ends "
                        + "or input the program waits for.";
                case OUT_OF_MEMORY -> "Your last run was stopped because it used too much memory. Look for data "
                        + "that keeps growing, such as a list filled in an endless loop.";
                case DISK_LIMIT -> "Your last run was stopped because it wrote too much to disk. Look for a file "
                        + "written inside a loop that never ends.";
                default -> "Your last run was stopped because it printed too much. Look for a print inside a "
                        + "loop that never ends.";
            }).append("\n\n");
        }
        run.tests().stream().filter(t -> t.status() != RunResult.Status.PASS).findFirst()
                .ifPresent(t -> appendTest(text, t));
        run.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .findFirst()
                .ifPresent(d -> appendDiagnostic(text, d));
        if (text.isEmpty() && !run.summary().isBlank()) {
            text.append("Your last run failed: ").append(quoteInline(run.summary())).append("\n\n");
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String opening = noStaticHints
                ? "This exercise has no written hints"
                : "You have seen every hint for this exercise";
        return Optional.of(opening + ", so here is where your last run went wrong.\n\n" + text.toString().strip());
    }

    private static void appendTest(StringBuilder text, TestOutcome test) {
        text.append("The first failing test is `").append(test.name().replace('`', '\'')).append("`");
        if (test.message().isBlank()) {
            text.append(".\n\n");
        } else {
            text.append(":\n\n").append(codeBlock(test.message())).append("\n\n");
        }
    }

    private static void appendDiagnostic(StringBuilder text, Diagnostic d) {
        String where = d.location();
        text.append("The first error is ");
        text.append(where.isEmpty() ? "in your code" : "at `" + where.replace('`', '\'') + "`");
        text.append(":\n\n").append(codeBlock(d.message()));
        if (!d.suggestion().isBlank()) {
            text.append("\n\nSuggestion: ").append(quoteInline(d.suggestion()));
        }
        text.append("\n\n");
    }

    private static String nothingMore(int staticHints, Optional<RunResult> lastRun) {
        String first = staticHints == 0
                ? "This exercise has no hints."
                : staticHints == 1 ? "You have seen the only hint for this exercise."
                : "You have seen all " + staticHints + " hints for this exercise.";
        if (lastRun.map(RunResult::passed).orElse(false)) {
            return first + " Your last run passed, so there is nothing to fix here.";
        }
        return first + " Re-read the exercise's README, then run the exercise again and read what the tests say.";
    }

    /** A fenced block whose fence is longer than any run of backticks in the text, so it cannot be closed early. */
    private static String codeBlock(String message) {
        String body = shorten(message.strip());
        int longest = 0;
        int run = 0;
        for (char c : body.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "\n" + body + "\n" + fence;
    }

    private static String quoteInline(String s) {
        return shorten(s.strip().replaceAll("\\s+", " "));
    }

    private static String shorten(String s) {
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE) + "…";
    }
}
