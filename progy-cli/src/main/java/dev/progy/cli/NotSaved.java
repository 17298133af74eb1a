package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.RecordedRun;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Says, after a run's result, that its progress was not saved, why and what to do (the result itself stands). */
final class NotSaved {

    private NotSaved() { }

    /** One line on stderr when the run's outcome was not recorded. */
    static void report(CliContext ctx, Style style, RecordedRun run) {
        run.notSaved().ifPresent(e -> ctx.err.println(style.yellow("Progress not saved. " + e.getMessage()
                + (e.fixHint().isBlank() ? "" : " " + e.fixHint()))));
    }

    /** {@code progressSaved} and, when it was not, {@code progressNotSaved: {error, fix}} in a run's JSON. */
    static void addTo(ObjectNode json, RecordedRun run) {
        json.put("progressSaved", run.notSaved().isEmpty());
        run.notSaved().ifPresent((ProgyException e) -> json.set("progressNotSaved", CliJson.error(e)));
    }
}
