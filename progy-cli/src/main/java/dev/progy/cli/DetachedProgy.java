package dev.progy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code progy <args>} as a child process the command never waits for (a background backup or sync after a
 * run): the same Java and class path, a quick-starting JVM, no input, output discarded. The child sees this
 * command's environment plus {@code extraEnv}, so secrets travel through the environment and never on a command
 * line, where other users could read them.
 */
final class DetachedProgy {

    private DetachedProgy() { }

    /** Starts the child in {@code dir}; it is kept in {@code ctx.background} (tests wait for it, Main does not). */
    static void start(CliContext ctx, Path dir, Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(ctx.env);
        pb.environment().putAll(extraEnv);
        Process child = pb.start();
        child.getOutputStream().close();
        ctx.background.add(child);
    }
}
