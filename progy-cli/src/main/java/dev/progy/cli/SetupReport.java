package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.progy.Workspace;
import dev.progy.model.SetupCheckResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Prints a course's setup checks (name, pass or fail, why) and its setup guide, for doctor and the first run. */
final class SetupReport {
    private SetupReport() { }

    /**
     * The course's setup checks, until they pass once in this workspace: when one fails the student sees which and
     * the course's setup guide (and the caller stops), instead of a compiler's complaint about a missing tool.
     */
    static boolean ready(CliContext ctx, Workspace ws, boolean json, Style style) {
        if (ctx.progy().setupPassed(ws)) {
            return true;
        }
        List<SetupCheckResult> checks = ctx.progy().checkSetup(ws);
        if (checks.stream().allMatch(SetupCheckResult::passed)) {
            return true;
        }
        if (json) {
            var n = CliJson.object();
            n.put("error", "this machine is not set up for the course: a setup check failed");
            addJson(n.putArray("setupChecks"), checks);
            guide(ws).ifPresent(g -> n.put("setupGuide", ws.root().relativize(g).toString()));
            ctx.out.println(CliJson.print(n));
        } else {
            ctx.out.println(style.red("This machine is not set up for the course yet:") + " a setup check failed.");
            printChecks(ctx, checks, style);
            printGuide(ctx, ws, style);
            ctx.out.println(style.dim("When it is fixed, run again; `progy doctor` runs the checks on their own."));
        }
        return false;
    }

    static void printChecks(CliContext ctx, List<SetupCheckResult> results, Style s) {
        for (SetupCheckResult r : results) {
            ctx.out.println("  " + (r.passed() ? s.green("✓") : s.red("✗")) + " " + r.check().name()
                    + s.dim("  (" + r.check().command() + ")"));
            if (!r.passed() && !r.detail().isBlank()) {
                ctx.out.println("      " + r.detail().strip().replace("\n", "\n      "));
            }
        }
    }

    /** The course's setup guide, rendered; or a line saying there is none. */
    static void printGuide(CliContext ctx, Workspace ws, Style s) {
        Optional<Path> guide = guide(ws);
        if (guide.isPresent()) {
            ctx.out.println();
            ctx.out.println(s.dim("── " + Guidance.shown(ctx, guide.get()) + " ──"));
            ctx.out.print(new TerminalMarkdown(s).render(ShowCommand.read(guide.get())));
        } else {
            ctx.out.println(ws.course().setup().guide().map(g -> "The course names a setup guide, " + g
                    + ", but does not ship it; install what the failed checks name, then run again.")
                    .orElse("Install what the failed checks name, then run again."));
        }
    }

    /** The setup guide file: the workspace's copy, else the pristine course's. */
    static Optional<Path> guide(Workspace ws) {
        Optional<String> name = ws.course().setup().guide().filter(g -> !g.isBlank());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path own = ws.root().resolve(name.get()).normalize();
        Path pristine = ws.course().root().resolve(name.get()).normalize();
        if (own.startsWith(ws.root()) && Files.isRegularFile(own)) {
            return Optional.of(own);
        }
        return pristine.startsWith(ws.course().root()) && Files.isRegularFile(pristine) ? Optional.of(pristine) : Optional.empty();
    }

    static void addJson(ArrayNode to, List<SetupCheckResult> results) {
        for (SetupCheckResult r : results) {
            var n = to.addObject();
            n.put("name", r.check().name());
            n.put("command", r.check().command());
            n.put("passed", r.passed());
            if (!r.passed()) {
                n.put("detail", r.detail());
            }
        }
    }
}
