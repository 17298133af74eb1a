package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.CourseVersions;
import dev.progy.Workspace;
import dev.progy.sync.upgrade.CourseUpgrade;
import dev.progy.sync.upgrade.FileChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code progy upgrade [source]}: moves the workspace to a new version of its course by a three-way merge per file,
 * keeping the student's code. Exit 0 when done, 1 when some file has conflicts left to resolve.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Move this workspace to a new version of its course, keeping your code.",
                "Files you never touched update, your edits stay with the course's changes merged in, and lines both "
                        + "changed are marked and listed."})
final class UpgradeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<source>", description = "The new version: a course "
            + "folder, a .progy file or a registry name (default: where the course was installed from).")
    String source;

    @Option(names = "--dry-run", description = "Show what would happen to each file and change nothing.")
    boolean dryRun;

    @Option(names = "--allow-downgrade", description = "Go back to an older version of the course on purpose "
            + "(refused otherwise); your files are merged and kept as in an upgrade.")
    boolean allowDowngrade;

    UpgradeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(common.dir);
        try (CourseUpgrade upgrade = CourseUpgrade.prepare(ctx.progy(), ws, resolvedSource(ws), allowDowngrade)) {
            if (!dryRun) {
                upgrade.apply();
            }
            if (common.json) {
                ctx.out.println(CliJson.print(json(upgrade)));
            } else {
                print(upgrade);
            }
            return upgrade.conflicts() && !dryRun ? ExitCode.FAILED : ExitCode.OK;
        }
    }

    /** The source typed (a path against the working folder), else the one the workspace was installed from. */
    private String resolvedSource(Workspace ws) {
        if (source != null) {
            return Files.exists(ctx.path(source)) ? ctx.path(source).toString() : source;
        }
        String from = ws.installedFrom();
        // a registry install of an exact version (name@1.0.0) asks for the newest now; one of a range
        // (name@^1.2) for the newest in that range
        boolean registryName = !Files.exists(java.nio.file.Path.of(from)) && from.lastIndexOf('@') > 0;
        boolean exact = registryName && from.substring(from.lastIndexOf('@') + 1).matches("=?\\d+\\.\\d+\\.\\d+([-+].*)?");
        return exact ? from.substring(0, from.lastIndexOf('@')) : from;
    }

    private void print(CourseUpgrade upgrade) {
        Style s = ctx.style(common.noColor);
        if (upgrade.upToDate()) {
            ctx.out.println("Already at " + upgrade.toVersion() + ", the version the source holds: nothing to upgrade.");
            return;
        }
        boolean down = CourseVersions.compare(upgrade.toVersion(), upgrade.fromVersion()).orElse(0) < 0;
        String verb = dryRun ? (down ? "would downgrade" : "would upgrade")
                : upgrade.resumed() ? "finished the interrupted upgrade" : down ? "downgraded" : "upgraded";
        ctx.out.println(s.bold(verb) + " " + upgrade.fromVersion() + " → " + upgrade.toVersion());
        if (upgrade.changes().isEmpty()) {
            ctx.out.println("  nothing to change: your files already match");
        }
        for (FileChange c : upgrade.changes()) {
            String word = c.action().name().toLowerCase(Locale.ROOT);
            String shown = switch (c.action()) {
                case CONFLICT -> s.red(word);
                case KEEP, REMOVE -> s.yellow(word);
                default -> s.green(word);
            };
            ctx.out.println("  " + shown + " ".repeat(Math.max(1, 9 - word.length())) + c.path()
                    + (c.detail().isEmpty() ? "" : s.dim("  " + c.detail())));
        }
        if (keptFiles(upgrade)) {
            ctx.out.println(s.dim("every file replaced or removed is kept in " + upgrade.backupFolder()));
        }
        if (upgrade.conflicts()) {
            ctx.out.println((dryRun ? "conflicts would be marked" : "resolve the conflicts")
                    + ": keep what is right between <<<<<<< and >>>>>>>, delete the markers, then progy run");
        }
    }

    /** Whether the upgrade kept files in its backup folder: only then is the folder named (it exists). */
    private boolean keptFiles(CourseUpgrade upgrade) {
        return !dryRun && upgrade.changes().stream().anyMatch(c -> c.action() != FileChange.Action.ADD);
    }

    private ObjectNode json(CourseUpgrade upgrade) {
        ObjectNode n = CliJson.object();
        n.put("from", upgrade.fromVersion()).put("to", upgrade.toVersion()).put("dryRun", dryRun)
                .put("resumed", upgrade.resumed()).put("upToDate", upgrade.upToDate()).put("conflicts", upgrade.conflicts())
                .put("backup", keptFiles(upgrade) ? upgrade.backupFolder() : null);
        ArrayNode files = n.putArray("files");
        upgrade.changes().forEach(c -> files.addObject().put("path", c.path())
                .put("action", c.action().name().toLowerCase(Locale.ROOT)).put("detail", c.detail()));
        return n;
    }
}
