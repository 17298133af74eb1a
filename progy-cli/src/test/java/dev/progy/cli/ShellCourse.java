package dev.progy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A small course written on the spot: one module, open progression, and a process runner that is a shell script
 * the test writes. The runner is started from the workspace as {@code sh runner/check.sh <exercise file> <exercise
 * folder>}: the file relative to {@code content/}, the folder absolute — which puts the test's own temp folder in
 * the command line of every process the run starts with {@code "$@"}, so a test can find them in {@code /proc}.
 */
final class ShellCourse {
    private ShellCourse() { }

    /**
     * A workspace {@code tmp/<name>} of a two-exercise course whose every run fails ({@code 01_first}, {@code
     * 02_second}, the course written to {@code tmp/course}), and a CLI started in {@code tmp}.
     */
    static CliHarness failingWorkspace(Path tmp, String name) {
        Path course = write(tmp.resolve("course"), 10, "exit 1\n", "01_first", "02_second");
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result init = cli.run("init", course.toString(), name);
        if (init.code() != 0) {
            throw new AssertionError("init failed: " + init);
        }
        return cli;
    }

    /**
     * Writes the course into {@code dir}.
     *
     * @param timeoutSeconds the runner's {@code timeout_seconds}
     * @param script         the runner script's body ({@code sh})
     * @param exercises      exercise folder names, each getting a README and an {@code exercise.py} starter
     */
    static Path write(Path dir, double timeoutSeconds, String script, String... exercises) {
        try {
            Files.createDirectories(dir.resolve("runner"));
            Files.writeString(dir.resolve("course.json"), """
                    {
                      "id": "shell-course",
                      "name": "A course checked by a shell script",
                      "version": "1.0.0",
                      "runners": [{"id": "sh", "type": "process", "command": "sh",
                                   "args": ["runner/check.sh", "{{exercise}}", "{{dir}}"], "timeout_seconds": %s}],
                      "content": {"root": ".", "exercises": "content"},
                      "progression": {"mode": "open"}
                    }
                    """.formatted(String.format(Locale.ROOT, "%.1f", timeoutSeconds)));
            Files.writeString(dir.resolve("runner/check.sh"), script);
            Path module = dir.resolve("content/01_basics");
            StringBuilder info = new StringBuilder("[module]\ntitle = \"Basics\"\n\n[exercises]\n");
            for (String ex : exercises) {
                info.append('"').append(ex).append("\" = { title = \"Exercise ").append(ex)
                        .append("\", hints = [\"Write the word solved.\"] }\n");
                Files.createDirectories(module.resolve(ex));
                Files.writeString(module.resolve(ex).resolve("README.md"), "# " + ex + "\n\nWrite the word solved.\n");
                Files.writeString(module.resolve(ex).resolve("exercise.py"), "# TODO\n");
            }
            Files.writeString(module.resolve("info.toml"), info.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
