package dev.progy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

@Command(name = "progy", mixinStandardHelpOptions = true, versionProvider = ProgyCommand.Version.class,
        description = "Interactive coding courses: run exercises, get feedback and hints, track progress.",
        subcommands = {InitCommand.class, ListCommand.class, RunCommand.class, WatchCommand.class, HintCommand.class,
                QuizCommand.class, ProgressCommand.class, ValidateCommand.class, PackCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok/passed, 1 failed, 2 usage, 3 course invalid, 4 runner unavailable,",
                "5 not found/locked/other user error, 6 refused as unsafe, 7 run error (compile error, timeout, limit), 70 bug."})
final class ProgyCommand implements Runnable {
    private final CliContext ctx;

    ProgyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @CommandLine.Option(names = {"-C"}, paramLabel = "<dir>",
            description = "Run as if progy was started in <dir> (like git -C).")
    void changeDirectory(java.nio.file.Path dir) {
        ctx.cwd = ctx.cwd.resolve(dir).normalize();
    }

    @Override
    public void run() {
        ctx.out.println(new CommandLine(this).getUsageMessage());
    }

    /** The version baked into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = ProgyCommand.class.getResourceAsStream("version.txt")) {
                String v = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return new String[] {"progy " + v};
            }
        }
    }
}
