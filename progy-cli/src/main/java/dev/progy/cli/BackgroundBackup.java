package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.sync.backup.WorkspaceBackup;

import java.io.IOException;
import java.util.Map;

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
            DetachedProgy.start(ctx, ws.root(), Map.of(), "backup", "--background", "--dir", ws.root().toString(),
                    "--message", "Passed " + exercise.id());
        } catch (IOException | RuntimeException e) {
            // no backup this time; the next one commits these changes as well
        }
    }
}
