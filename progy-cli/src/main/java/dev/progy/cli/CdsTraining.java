package dev.progy.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The workload the build runs once with {@code -XX:ArchiveClassesAtExit} so that the class-data-sharing archive
 * holds the classes a real session loads (init, list, run, hint, progress, validate). Not a user command.
 */
final class CdsTraining {
    static final String COMMAND = "__cds-training";

    private CdsTraining() { }

    static int run(String course, String workspace) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        String[][] session = {
                {"--version"}, {"--help"}, {"validate", course}, {"init", course, workspace},
                {"list", "-C", workspace}, {"list", "--json", "-C", workspace}, {"run", "-C", workspace},
                {"run", "--json", "-C", workspace}, {"hint", "-C", workspace}, {"progress", "-C", workspace},
                {"progress", "--json", "-C", workspace}, {"run", "no-such-exercise", "-C", workspace},
        };
        for (String[] args : session) {
            try (CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), new BufferedReader(new StringReader("")),
                    sink, sink, Map.copyOf(System.getenv()), false)) {
                Main.run(args, ctx);
            }
        }
        return 0;
    }
}
