package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Syncs after a run when a server is configured, in a detached {@code progy sync --background} process. A process
 * rather than a thread: the run prints its result and exits at once whatever the network does — a thread would
 * have to be waited for at exit or be cut off mid-request — and a slow or failing server can change neither the
 * run's output nor its exit code. Starting it costs a fork (a few milliseconds). Two such syncs at once, or one
 * killed midway, are safe: the batch in flight is stored with its idempotency key before it is sent.
 */
final class BackgroundSync {

    private BackgroundSync() { }

    /** Starts the sync if a server is configured; never throws. */
    static void afterRun(CliContext ctx, Workspace ws) {
        ProviderConfig config = ctx.config();
        if (!ProgressSync.configured(config) || "0".equals(config.get("progy.sync.background"))) {
            return;
        }
        try {
            Optional<String> java = ProcessHandle.current().info().command();
            if (java.isEmpty()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(java.get(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "sync", "--background", "--dir", ws.root().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(ws.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            // through the environment, not the command line, where other users could read the token
            pb.environment().put("PROGY_SYNC_SERVER", config.get(ProgressSync.SERVER_KEY));
            pb.environment().put("PROGY_SYNC_TOKEN", config.get(ProgressSync.TOKEN_KEY));
            config.find(CliContext.PROGRESS_KEY).ifPresent(v -> pb.environment().put("PROGY_PROGRESS", v));
            pb.start();
        } catch (IOException | RuntimeException e) {
            // the run is what the student asked for; the next sync sends what this one did not
        }
    }

    private static java.io.File nullFile() {
        return Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null").toFile();
    }
}
