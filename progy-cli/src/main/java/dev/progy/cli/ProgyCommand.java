package dev.progy.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top command. Its model is built by hand ({@link #spec}), not read from annotations: picocli reading a command's
 * annotations makes a proxy class per annotation type and scans every method, which was most of the time
 * {@code progy --version} took.
 */
final class ProgyCommand implements Runnable {
    private static final String DESCRIPTION =
            "Interactive coding courses: run exercises, get feedback and hints, track progress.";
    private static final String[] FOOTER = {"", "Run 'progy <command> --help' for what a command does and its options.", "",
            "Exit codes:",
            "  0   done: the exercise passed, the course is valid",
            "  1   the exercise failed its tests, or the quiz was not passed",
            "  2   the command line was wrong",
            "  3   the course is invalid (every problem is listed)",
            "  4   no runner can run this course here (engine missing or stopped),",
            "      or one of the course's setup checks failed",
            "  5   something named does not exist or is locked, or another mistake",
            "      you can fix (the message says how)",
            "  6   an archive or path was refused as unsafe",
            "  7   the exercise could not be checked: it did not compile, timed out",
            "      or hit a limit",
            "  70  a bug in Progy (the only case with a stack trace; please report it)"};
    /** Subcommands' help ends with this instead of the table above, which only the top-level help shows. */
    private static final String[] SUBCOMMAND_FOOTER = {"", "Exit codes: see 'progy --help'."};
    /**
     * One line per command for the list {@code progy} shows (a command's own help has its full description); a
     * command not named here is listed with its description's first sentence.
     */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("init", "Make a student workspace from a course folder, archive or name."),
            Map.entry("list", "List modules and exercises, their status and what is locked."),
            Map.entry("run", "Run an exercise's tests (default: the next unfinished one)."),
            Map.entry("watch", "Run an exercise again each time you save."),
            Map.entry("hint", "Show the next hint for an exercise."),
            Map.entry("tutor", "Get a short lesson on a test you keep failing."),
            Map.entry("quiz", "Take an exercise's quiz."),
            Map.entry("progress", "Show XP, streaks and how far each module is."),
            Map.entry("ui", "Open the course in your browser, served from this computer."),
            Map.entry("sync", "Sync your progress with the server and your other devices."),
            Map.entry("backup", "Back up your work to a git remote of yours."),
            Map.entry("login", "Sign in to a Progy server from this computer."),
            Map.entry("logout", "Sign out of a Progy server, revoking this computer's token."),
            Map.entry("tokens", "List your tokens on a Progy server, or revoke one."),
            Map.entry("ai", "Set your own model key on the server; see your AI usage."),
            Map.entry("validate", "Check a course and list every problem at once."),
            Map.entry("pack", "Pack a course folder into a .progy archive."),
            Map.entry("optimize", "Convert a course's images to WebP and update what names them."),
            Map.entry("guard", "Check a course before publishing it."),
            Map.entry("publish", "Publish a course to your server's registry, checked first."),
            Map.entry("search", "Find courses in the registry."),
            Map.entry("info", "Show a course's versions in the registry, with checksums."),
            Map.entry("yank", "Stop new installs picking a version you published (--undo)."),
            Map.entry("new", "Start a course, a module or an exercise from a template."),
            Map.entry("upgrade", "Move this workspace to a new version of its course."),
            Map.entry("doctor", "Check the runners and container engines, and what to fix."),
            Map.entry("gc", "Remove what crashed runs left on the container engines."),
            Map.entry("help", "Show a command's help."));
    /** picocli's setting of the built-in type converters it leaves out (regular expressions of class names). */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /**
     * picocli registers converters to java.time and java.sql types by reflection, loading and initialising ~20 JDK
     * classes before any command runs (a tenth of {@code progy --version}); no progy option has such a type.
     */
    static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";
    /** Help is never wider than this, however wide the terminal: long lines are hard to read. */
    private static final int MAX_WIDTH = 100;
    /**
     * The subcommands, in the order help lists them. A new one is one line in {@link #subcommands()}; picocli reads its
     * model from its annotations, unless {@link HandBuiltModels} builds it (only the commands run most).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private final CliContext ctx;

    private CommandLine.Model.CommandSpec spec;

    ProgyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * What {@code @Command(name = "progy", mixinStandardHelpOptions = true, scope = INHERIT, ...)} with an
     * {@code -C <dir>} option would declare, except that subcommands get their {@code -h} and {@code -V} from
     * {@link #standardHelpOptions} when they are added.
     */
    private static CommandLine.Model.CommandSpec spec(ProgyCommand command) {
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name("progy").scopeType(CommandLine.ScopeType.INHERIT).versionProvider(new Version());
        spec.usageMessage().description(DESCRIPTION).synopsisSubcommandLabel("<command>").footer(FOOTER);
        spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(CommandLine.Model.OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        spec.addOption(CommandLine.Model.OptionSpec.builder("-C").paramLabel("<dir>").type(java.nio.file.Path.class)
                .description("Run as if progy was started in <dir> (like git -C).")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (value == null) {
                            return null; // picocli's reset before parsing
                        }
                        command.ctx.cwd = command.ctx.cwd.resolve((java.nio.file.Path) value).normalize();
                        return null;
                    }
                }).build());
        return spec;
    }

    @Override
    public void run() {
        ctx.out.print(spec.commandLine().getUsageMessage());
        ctx.out.flush();
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
        m.put("tutor", TutorCommand.class);
        m.put("quiz", QuizCommand.class);
        m.put("progress", ProgressCommand.class);
        m.put("ui", UiCommand.class);
        m.put("sync", SyncCommand.class);
        m.put("backup", BackupCommand.class);
        m.put("login", LoginCommand.class);
        m.put("logout", LogoutCommand.class);
        m.put("tokens", TokensCommand.class);
        m.put("ai", AiCommand.class);
        m.put("share", ShareCommand.class);
        m.put("join", JoinCommand.class);
        m.put("telemetry", TelemetryCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("pack", PackCommand.class);
        m.put("optimize", OptimizeCommand.class);
        m.put("guard", GuardCommand.class);
        m.put("publish", PublishCommand.class);
        m.put("search", SearchCommand.class);
        m.put("info", InfoCommand.class);
        m.put("yank", YankCommand.class);
        m.put("new", NewCommand.class);
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
        return commandLine(args, factory, true);
    }

    /**
     * As {@link #commandLine(String[], CommandLine.IFactory)}; with {@code handBuilt} false every subcommand's model is
     * read from its annotations, as the test of {@link HandBuiltModels} compares.
     */
    static CommandLine commandLine(String[] args, CommandLine.IFactory factory, boolean handBuilt) throws Exception {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        CommandLine cl = new CommandLine(spec(factory.create(ProgyCommand.class)), factory);
        String named = subcommandName(args);
        boolean all = named == null || named.equals("help");
        if (named == null && args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return cl;
        }
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (all || named.equals(e.getKey())) {
                Object command = factory.create(e.getValue());
                CommandLine.Model.CommandSpec model = handBuilt ? HandBuiltModels.of(command) : null;
                cl.addSubcommand(e.getKey(), model != null ? model : command);
            }
        }
        readableHelp(cl);
        standardHelpOptions(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footer(SUBCOMMAND_FOOTER);
        }
        return cl;
    }

    /** {@code -h} and {@code -V} on every subcommand, at any depth, as an inherited {@code mixinStandardHelpOptions}. */
    private static void standardHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub != cl) {
                if (!sub.getCommandSpec().mixinStandardHelpOptions()) { // a model built by hand has them already
                    sub.getCommandSpec().mixinStandardHelpOptions(true);
                }
                standardHelpOptions(sub);
            }
        }
    }

    /** Every command's description and command list wrapped at spaces only (picocli also breaks after a dot). */
    private static void readableHelp(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, ProgyCommand::commandList);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, ProgyCommand::description);
        cl.getSubcommands().values().stream().filter(sub -> sub != cl).forEach(ProgyCommand::readableHelp);
    }

    /** The description, one paragraph per element, wrapped at word boundaries so "course.json" stays whole. */
    private static String description(CommandLine.Help help) {
        int width = help.commandSpec().usageMessage().width() - 1;
        StringBuilder sb = new StringBuilder();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            // picocli reads descriptions as format strings ("70 %%"); so does this
            String text = paragraph.contains("%") ? String.format(java.util.Locale.ROOT, paragraph) : paragraph;
            sb.append(wrap("", text.strip().replaceAll("\\s+", " "), 0, width));
        }
        return sb.toString();
    }

    /**
     * How wide help is printed: the terminal's width (between picocli's minimum and {@link #MAX_WIDTH}) when help
     * goes to a terminal, else 80. Finding a terminal's width starts a process, so only call this for help.
     */
    static int helpWidth(boolean terminal) {
        if (!terminal) {
            return CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH;
        }
        int detected = new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
        return Math.max(55, Math.min(MAX_WIDTH, detected));
    }

    /**
     * The "Commands:" section: each command with the first sentence of its description, wrapped at word boundaries
     * under the description column, so no line is ever cut mid-word or a description mid-sentence.
     */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int nameWidth = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
        int indent = 2 + nameWidth + 2;
        int width = help.commandSpec().usageMessage().width() - 1; // a full line would wrap on some terminals
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            String[] text = usage.header().length > 0 ? usage.header() : usage.description();
            String line = "  " + e.getKey() + " ".repeat(nameWidth - e.getKey().length() + 2);
            boolean top = help.commandSpec().parent() == null;
            String summary = top && SUMMARIES.containsKey(e.getKey()) ? SUMMARIES.get(e.getKey())
                    // a description's first line that ends a sentence is its summary, whatever the next line starts with
                    : firstSentence(text.length > 0 && text[0].strip().endsWith(".") ? text[0] : String.join(" ", text));
            sb.append(wrap(line, summary, indent, width));
        }
        return sb.toString();
    }

    /** The text up to and including its first full stop that ends a sentence (not one in "e.g." or ".progy"). */
    static String firstSentence(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        for (int i = t.indexOf(". "); i >= 0; i = t.indexOf(". ", i + 1)) {
            boolean abbreviation = t.startsWith("e.g", Math.max(0, i - 3)) || t.startsWith("i.e", Math.max(0, i - 3));
            if (!abbreviation && i + 2 < t.length() && Character.isUpperCase(t.charAt(i + 2))) {
                return t.substring(0, i + 1);
            }
        }
        return t;
    }

    /** {@code first} then {@code text} wrapped at spaces to {@code width}, continuation lines indented. */
    static String wrap(String first, String text, int indent, int width) {
        StringBuilder sb = new StringBuilder(first);
        int column = first.length();
        boolean lineStart = true;
        for (String word : text.split(" ")) {
            if (!lineStart && column + 1 + word.length() > width) {
                sb.append(System.lineSeparator()).append(" ".repeat(indent));
                column = indent;
                lineStart = true;
            }
            if (!lineStart) {
                sb.append(' ');
                column++;
            }
            sb.append(word);
            column += word.length();
            lineStart = false;
        }
        return sb.append(System.lineSeparator()).toString();
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

    /**
     * The version baked into the jar at build time: its manifest's {@code Implementation-Version}, which the JVM read
     * when it opened the jar (a resource lookup cost {@code progy list} ≈ 4 %), else {@code version.txt} (classes run
     * from a folder, as in tests). picocli asks once per subcommand it adds: it is read once.
     */
    static final class Version implements CommandLine.IVersionProvider {
        private static volatile String known;

        @Override
        public String[] getVersion() throws IOException {
            String v = known;
            if (v == null) {
                v = ProgyCommand.class.getPackage().getImplementationVersion();
                if (v == null) {
                    try (InputStream in = ProgyCommand.class.getResourceAsStream("version.txt")) {
                        v = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                    }
                }
                known = v;
            }
            return new String[] {"progy " + v};
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
