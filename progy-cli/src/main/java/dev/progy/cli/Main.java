package dev.progy.cli;

import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.error.UnsafePathException;
import dev.progy.cli.resident.HelperSlot;
import dev.progy.cli.resident.ResidentHelper;
import dev.progy.spi.support.IoFailures;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code progy} command. The only class that calls {@link System#exit}; every error is mapped here to a
 * message and a documented exit code (see {@link ExitCode}), never a stack trace for a user's mistake.
 */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals(CdsTraining.COMMAND)) {
            System.exit(CdsTraining.run(args[1], args[2]));
        }
        if (args.length == 2 && args[0].equals(ResidentHelper.COMMAND)) {
            System.exit(ResidentHelper.serve(Path.of(args[1]), Main::run, System.err));
        }
        Path cwd = Path.of("").toAbsolutePath();
        int code = run(Arrays.asList(args), cwd, System.in, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), System.getenv(), System.console() != null);
        HelperSlot.afterCommand(Arrays.asList(args), cwd, System.getenv());
        System.exit(code);
    }

    /**
     * Runs a command line in-process on the given working folder, streams and environment, and returns its exit
     * code: what {@link #main} does for a JVM of its own, and a resident helper for each call it serves.
     */
    public static int run(List<String> args, Path cwd, InputStream in, OutputStream out, OutputStream err,
                          Map<String, String> env, boolean terminal) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        BufferedReader i = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int code;
        try (CliContext ctx = new CliContext(cwd, i, o, e, env, terminal)) {
            code = run(args.toArray(new String[0]), ctx); // no lambda: a cold command would pay for its bootstrap
        }
        o.flush();
        e.flush();
        return code;
    }

    /** Runs a command line in-process and returns its exit code. */
    static int run(String[] args, CliContext ctx) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli prints for the top command's -V, without building picocli's model: a third of the command
            ctx.out.println("progy " + new ProgyCommand.Version().getVersionQuietly());
            ctx.out.flush();
            return ExitCode.OK;
        }
        CommandLine cl;
        try {
            cl = ProgyCommand.commandLine(args, new ContextFactory(ctx));
        } catch (Exception e) {
            throw new IllegalStateException("the command model cannot be built", e);
        }
        cl.setOut(ctx.out);
        cl.setErr(ctx.err);
        cl.setExitCodeExceptionMapper(t -> ExitCode.USAGE);
        List<String> given = Arrays.asList(args);
        boolean json = given.contains("--json");
        if (ctx.terminal && (args.length == 0 || given.contains("--help") || given.contains("-h") || given.contains("help"))) {
            cl.setUsageHelpWidth(ProgyCommand.helpWidth(true));
        }
        cl.setParameterExceptionHandler((ex, typed) -> usageError(ex, ctx, json));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(ex, ctx, json));
        int code = cl.execute(args);
        ctx.out.flush();
        ctx.err.flush();
        return code;
    }

    /**
     * A command line that does not parse: one line saying what is wrong and where to read more, not the whole help
     * (which buries the line that matters). One a subcommand throws from its own checks comes here too.
     */
    private static int usageError(CommandLine.ParameterException ex, CliContext ctx, boolean json) {
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String fix = "Run '" + spec.qualifiedName(" ") + " --help' for usage.";
        String message = plainly(ex);
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> unknown = unmatched.getUnmatched();
            List<String> suggestions = unmatched.getSuggestions();
            if (spec.parent() == null && !unknown.isEmpty() && !unknown.get(0).startsWith("-")) {
                message = "'" + unknown.get(0) + "' is not a progy command";
                fix = "Run 'progy' for the list of commands.";
                suggestions = nearCommands(unknown.get(0), spec.subcommands().keySet());
            }
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        if (json) {
            ctx.out.println(CliJson.print(CliJson.error(new ProgyException(message, fix))));
        } else {
            ctx.err.println("error: " + message);
            ctx.err.println(fix);
        }
        return ExitCode.USAGE;
    }

    /**
     * What picocli found wrong, in the words the rest of progy uses instead of its own ("Missing required parameter:
     * '<exercise>'", "Invalid value for positional parameter at index 0 (<shell>): expected one of [...]
     * (case-sensitive) but was 'tcsh'"); a message a command wrote itself is kept as it is.
     */
    private static String plainly(CommandLine.ParameterException ex) {
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            CommandLine.Model.ArgSpec first = missing.getMissing().get(0);
            if (first.isOption() && message.contains("for option")) {
                return label(first) + " needs a value: " + label(first) + " " + first.paramLabel();
            }
            return "missing " + String.join(" and ", missing.getMissing().stream().map(Main::label).toList());
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return first.startsWith("-") ? "unknown option '" + first + "'" : "unexpected argument '" + first + "'";
        }
        CommandLine.Model.ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null && message.startsWith("Invalid value")) {
            String said = label(arg) + " cannot be '" + ex.getValue() + "'";
            if (arg.type().isEnum()) {
                return said + ": use one of " + String.join(", ", java.util.Arrays.stream(arg.type().getEnumConstants())
                        .map(String::valueOf).toList());
            }
            if (Number.class.isAssignableFrom(arg.type()) || (arg.type().isPrimitive() && arg.type() != boolean.class)) {
                return said + ": give a number";
            }
            return ex.getCause() instanceof CommandLine.TypeConversionException why && why.getMessage() != null
                    ? said + ": " + why.getMessage() : said;
        }
        return message;
    }

    /** An option by its longest name, a positional parameter by its label ({@code <exercise>}). */
    private static String label(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /** Commands within two edits of a mistyped one ("rnu" → run), the nearest only. */
    private static List<String> nearCommands(String typed, java.util.Collection<String> commands) {
        int best = commands.stream().filter(c -> !c.equals("help")).mapToInt(c -> edits(typed, c)).min().orElse(99);
        return best > 2 ? List.of() : commands.stream()
                .filter(c -> !c.equals("help") && edits(typed, c) == best && best <= c.length() / 2).toList();
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    private static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int report(Exception ex, CliContext ctx, boolean json) {
        if (ex instanceof ProgyException pe) {
            if (json) {
                ctx.out.println(CliJson.print(CliJson.error(pe)));
            } else if (pe instanceof RunnerUnavailableException ru && !ru.tried().isEmpty()) {
                printTried(ru, ctx);
            } else {
                ctx.err.println("error: " + pe.getMessage());
                if (!pe.fixHint().isBlank()) {
                    ctx.err.println("  fix: " + pe.fixHint());
                }
            }
            return exitCode(pe);
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            // a file or connection failed under a command that did not word it itself: still a user's problem
            return report(new ProgyException(IoFailures.describe(ex), "check that file or connection and try again",
                    ex), ctx, json);
        }
        ctx.err.println("progy: internal error (a bug — please report it with the lines below):");
        ex.printStackTrace(ctx.err);
        return ExitCode.INTERNAL;
    }

    /** No runner could run: each one tried, every place it looked one a line, and its own fix (Docker's, Podman's). */
    private static void printTried(RunnerUnavailableException e, CliContext ctx) {
        String message = e.getMessage();
        int tried = message.indexOf(" (tried: ");
        // the reasons follow, one runner a line
        ctx.err.println("error: " + (tried > 0 ? message.substring(0, tried) : message));
        for (RunnerUnavailableException.Tried t : e.tried()) {
            ctx.err.println("  " + t.runner() + ": " + t.reason());
            t.looked().forEach(place -> ctx.err.println("    looked at " + place));
            if (!t.fix().isBlank()) {
                ctx.err.println("    fix: " + t.fix());
            }
        }
    }

    static int exitCode(ProgyException e) {
        if (e instanceof CourseInvalidException) {
            return ExitCode.COURSE_INVALID;
        }
        if (e instanceof RunnerUnavailableException) {
            return ExitCode.RUNNER_UNAVAILABLE;
        }
        if (e instanceof ArchiveRejectedException || e instanceof UnsafePathException) {
            return ExitCode.REFUSED;
        }
        return ExitCode.USER_ERROR; // not found, locked, and the other mistakes a user can fix
    }

    /** Gives each command the context it needs through its constructor. */
    record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                var c = cls.getDeclaredConstructor(CliContext.class);
                return c.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
