package dev.progy.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code progy} in-process, the way a user's shell would, and keeps what it printed. */
final class CliHarness {
    final Path cwd;
    final Map<String, String> env = new HashMap<>();

    CliHarness(Path cwd) {
        this.cwd = cwd;
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("HOME") != null) {
            env.put("HOME", System.getenv("HOME"));
        }
    }

    Result run(String... args) {
        return runWithInput(new StringReader(""), args);
    }

    Result runWithInput(Reader input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (CliContext ctx = new CliContext(cwd, new BufferedReader(input), new PrintWriter(out, true),
                new PrintWriter(err, true), Map.copyOf(env), false)) {
            code = Main.run(args, ctx);
        }
        return new Result(code, out.toString(), err.toString());
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
