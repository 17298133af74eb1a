package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.sync.backup.WorkspaceBackup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * After a passing run, backs the workspace up in a detached child process ({@code progy backup --background}) that
 * the command never waits for: the run's output and exit code are those of the run alone, and the prompt comes back
 * at once. A child rather than a thread because the commit and a push that retries with backoff (up to a minute on a
 * bad network) outlive a short {@code progy run}, and because git then stays out of the run's JVM: the check made
 * here is one file lookup. A child that fails or is killed leaves its changes for the next backup to commit.
 */
final class BackgroundBackup {

    private BackgroundBackup() { }

    /** Starts a backup of {@code ws} when {@code result} passed and backing up is on; never throws, never waits. */
    static void afterRun(CliContext ctx, Workspace ws, Exercise exercise, RunResult result) {
        if (!result.passed() || !WorkspaceBackup.isOn(ws.root())) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command(ws.root(), "Passed " + exercise.id()));
            // the child sees what this command sees (PROGY_BACKUP_TOKEN included), and nothing goes on a command line
            pb.environment().clear();
            pb.environment().putAll(ctx.env);
            pb.directory(ws.root().toFile());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process child = pb.start();
            child.getOutputStream().close();
            ctx.background.add(child);
        } catch (IOException | RuntimeException e) {
            // no backup this time; the next one commits these changes as well
        }
    }

    private static List<String> command(Path root, String message) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "backup", "--background", "--dir", root.toString(), "--message", message);
    }
}
