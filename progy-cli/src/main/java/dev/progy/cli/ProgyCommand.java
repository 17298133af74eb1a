package dev.progy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "progy", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = ProgyCommand.Version.class,
        description = "Interactive coding courses: run exercises, get feedback and hints, track progress.",
        footer = {"", "Exit codes: 0 ok/passed, 1 failed, 2 usage, 3 course invalid, 4 runner unavailable,",
                "5 not found/locked/other user error, 6 refused as unsafe, 7 run error (compile error, timeout, limit), 70 bug."})
final class ProgyCommand implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

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

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("list", ListCommand.class);
        m.put("run", RunCommand.class);
        m.put("show", ShowCommand.class);
        m.put("reset", ResetCommand.class);
        m.put("solution", SolutionCommand.class);
        m.put("watch", WatchCommand.class);
        m.put("hint", HintCommand.class);
        m.put("quiz", QuizCommand.class);
        m.put("progress", ProgressCommand.class);
        m.put("sync", SyncCommand.class);
        m.put("backup", BackupCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("pack", PackCommand.class);
        m.put("optimize", OptimizeCommand.class);
        m.put("guard", GuardCommand.class);
        m.put("upgrade", UpgradeCommand.class);
        m.put("doctor", DoctorCommand.class);
        m.put("gc", GcCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    /**
     * The command line for {@code args}. Building picocli's model of a subcommand costs start-up time, so when the
     * arguments name one subcommand only that one is registered; otherwise (help, a typo, none) all of them are.
     */
    static CommandLine commandLine(String[] args, CommandLine.IFactory factory) throws Exception {
        CommandLine cl = new CommandLine(ProgyCommand.class, factory);
        String named = subcommandName(args);
        boolean all = named == null || named.equals("help");
        if (named == null && args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return cl;
        }
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (all || named.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), factory.create(e.getValue()));
            }
        }
        return cl;
    }

    /** The first argument that is not an option of the top command, if it names a subcommand. */
    private static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return SUBCOMMANDS.containsKey(args[i]) ? args[i] : null;
            } else {
                return null;
            }
        }
        return null;
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

        /** The bare version, e.g. {@code 0.1.0}; {@code unknown} when the jar lacks it. */
        String getVersionQuietly() {
            try {
                return getVersion()[0].substring("progy ".length());
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
