package dev.progy.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code progy} in-process, the way a user's shell would, and keeps what it printed. */
final class CliHarness {
    final Path cwd;
    final Map<String, String> env = new HashMap<>();
    /** Whether progy believes it talks to a terminal (it then asks questions); false by default. */
    boolean terminal;
    /** Processes the commands started and left running (background backups), for a test to wait for. */
    final List<Process> background = new java.util.concurrent.CopyOnWriteArrayList<>();

    CliHarness(Path cwd) {
        this.cwd = cwd;
        env.put("PATH", System.getenv("PATH"));
        // the user's home and where their container engines listen pass, nothing else of this JVM's environment
        for (String name : List.of("HOME", "DOCKER_HOST", "CONTAINER_HOST", "CONTAINERS_CONF", "XDG_RUNTIME_DIR")) {
            if (System.getenv(name) != null) {
                env.put(name, System.getenv(name));
            }
        }
        // what a command saves for the user (sync tokens) goes beside the test's folders, never to the real home
        env.put("XDG_CONFIG_HOME", cwd.toAbsolutePath().resolve(".config-home").toString());
    }

    Result run(String... args) {
        return runWithInput(new StringReader(""), args);
    }

    Result runWithInput(Reader input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runOn(input, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Starts {@code progy} in-process on a thread of its own, as a user would in a terminal they keep typing into:
     * lines go to its stdin through {@link RunningCli#type}, and what it printed so far can be read at any time.
     */
    RunningCli start(String... args) {
        return new RunningCli(this, args);
    }

    /** Runs the command line on the calling thread with the given streams; returns the exit code. */
    int runOn(Reader input, PrintWriter out, PrintWriter err, String... args) {
        try (CliContext ctx = new CliContext(cwd, new BufferedReader(input), out, err, Map.copyOf(env), terminal)) {
            try {
                return Main.run(args, ctx);
            } finally {
                background.addAll(ctx.background);
            }
        }
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The repository's sample courses, seen from this module's folder. */
    static Path example(String name) {
        return Path.of("..", "examples", name).toAbsolutePath().normalize();
    }
}
