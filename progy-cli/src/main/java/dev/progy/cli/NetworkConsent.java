package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the student, once per workspace, whether course code may reach the network when the course's runner asks
 * for it ({@code network_access}); the answer is recorded in the workspace. Without a terminal (or with
 * {@code --json}) nothing is asked: the run goes without network and says how to allow it.
 */
final class NetworkConsent {

    static final String ALLOW = "Let this course's code reach the network when its runner asks "
            + "for it (recorded in the workspace; asked once on a terminal otherwise).";
    static final String DENY = "Withdraw network access for this course (recorded in the workspace).";

    @Option(names = "--allow-network", description = ALLOW)
    boolean allow;

    @Option(names = "--deny-network", description = DENY)
    boolean deny;

    /**
     * Settles the answer before a run of {@code runner}: {@code --allow-network} records consent,
     * {@code --deny-network} a refusal; otherwise a recorded answer stands, or the student is asked. Notes go to
     * stderr so that {@code --json} output stays clean.
     */
    void settle(CliContext ctx, Workspace ws, RunnerSpec runner, boolean json, Style style) {
        if (deny) {
            ctx.progy().denyNetwork(ws);
        }
        // a compose runner asking for the network is refused by the run itself: nothing to ask for
        if (!runner.networkAccess() || runner.type() == RunnerType.DOCKER_COMPOSE) {
            if (allow) {
                ctx.progy().allowNetwork(ws);
            }
            return;
        }
        String access = access(runner);
        if (allow) {
            Instant at = ctx.progy().allowNetwork(ws, runner);
            note(ctx, style.yellow(access + " allowed") + " for this course's code (recorded "
                    + at + "; withdraw with --deny-network)");
            return;
        }
        Optional<Instant> agreed = ws.networkConsent(runner);
        if (agreed.isPresent()) {
            note(ctx, style.yellow("sandbox relaxed: " + access) + style.dim(" (you agreed on "
                    + agreed.get() + "; withdraw with --deny-network)"));
            return;
        }
        Optional<Instant> earlier = ws.networkConsent();
        if (earlier.isPresent() && !deny && ws.networkDeclined().isEmpty()) {
            // a consent to less than the runner now asks for (its allowlist grew, or it asks for all of the network)
            note(ctx, style.yellow("note: ") + "this course's runner '" + runner.id() + "' now asks for " + access
                    + ", more than you agreed to on " + earlier.get()
                    + ws.networkConsentHosts().map(h -> " (" + (h.isEmpty() ? "no hosts" : String.join(", ", h)) + ")")
                            .orElse("") + ".");
        }
        if (deny || ws.networkDeclined().isPresent()) {
            note(ctx, style.dim("runs without network access (you declined; allow with --allow-network)"));
            return;
        }
        if (!ctx.terminal || json) {
            note(ctx, style.yellow("warning: ") + "this course's runner '" + runner.id() + "' asks for "
                    + access + "; it runs without it. Allow with --allow-network if you trust the course.");
            return;
        }
        List<String> question = question(runner);
        ctx.err.println(style.yellow("warning: ") + question.get(0).substring("warning: ".length()));
        ctx.err.println(question.get(1));
        ctx.err.print(question.get(2) + " [y/N] ");
        ctx.err.flush();
        String answer = readLine(ctx);
        ctx.err.println(record(ctx, ws, runner, answer.trim().toLowerCase(Locale.ROOT).startsWith("y")));
    }

    /**
     * The question {@link #settle} would ask before a run of {@code runner} (a warning, what the code could reach,
     * the question itself), or empty when nothing is to be asked: the runner wants no network, or an answer is
     * recorded. For {@code progy ui}, which asks it as a form.
     */
    static Optional<List<String>> pending(Workspace ws, RunnerSpec runner) {
        if (!runner.networkAccess() || runner.type() == RunnerType.DOCKER_COMPOSE
                || ws.networkConsent(runner).isPresent() || ws.networkDeclined().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(question(runner));
    }

    private static List<String> question(RunnerSpec runner) {
        String first = "warning: this course's runner '" + runner.id() + "' asks for " + access(runner) + ".";
        if (runner.networkAllowlisted()) {
            return List.of(first, "  Its code, written by the course's author, could then reach these hosts (ports 80 "
                    + "and 443) through Progy's proxy, and nothing else.",
                    "  Allow access to " + String.join(", ", runner.networkAllow()) + " for this course?");
        }
        return List.of(first, "  Its code, written by the course's author, could then reach the internet and your local "
                + "network.", "  Allow network access for this course?");
    }

    /** Records the student's answer in the workspace; the line that says what was recorded. */
    static String record(CliContext ctx, Workspace ws, RunnerSpec runner, boolean allow) {
        if (allow) {
            Instant at = ctx.progy().allowNetwork(ws, runner);
            return "  allowed" + (runner.networkAllowlisted() ? ": " + String.join(", ", runner.networkAllow())
                    : "") + " (recorded " + at + " in " + Workspace.MANIFEST + "; withdraw with --deny-network)";
        }
        ctx.progy().denyNetwork(ws);
        return "  declined: runs go without network access (allow later with --allow-network)";
    }

    /** {@code network access}, or {@code network access to pypi.org, *.npmjs.org} for an allowlist. */
    static String access(RunnerSpec runner) {
        return runner.networkAllowlisted() ? "network access to " + String.join(", ", runner.networkAllow())
                : "network access";
    }

    private static void note(CliContext ctx, String text) {
        ctx.err.println(text);
    }

    private static String readLine(CliContext ctx) {
        try {
            String line = ctx.in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }
}
