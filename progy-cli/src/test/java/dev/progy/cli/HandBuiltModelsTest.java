package dev.progy.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models {@link HandBuiltModels} builds are the ones picocli reads from the commands' annotations: the same help,
 * option for option the same attributes, the same parsing. Each command is built both ways and compared.
 */
class HandBuiltModelsTest {
    private final CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), new BufferedReader(new StringReader("")),
            new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Map.of(), false);

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    @DisplayName("the commands run most have a model built by hand; the others are read from their annotations")
    void hotCommandsAreBuiltByHand() throws Exception {
        List<String> byHand = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : ProgyCommand.SUBCOMMANDS.entrySet()) {
            if (HandBuiltModels.of(new Main.ContextFactory(ctx).create(e.getValue())) != null) {
                byHand.add(e.getKey());
            }
        }
        assertThat(byHand).containsExactlyInAnyOrder("list", "run", "show", "hint", "progress");
    }

    @Test
    @DisplayName("progy <command> --help is the same, for every command, as when picocli reads the annotations")
    void helpIsUnchanged() throws Exception {
        for (int width : new int[] {80, 100, 55}) {
            assertThat(help(new String[0], true, width)).isEqualTo(help(new String[0], false, width));
            for (String name : ProgyCommand.SUBCOMMANDS.keySet()) {
                CommandLine built = subcommand(name, true);
                CommandLine read = subcommand(name, false);
                built.setUsageHelpWidth(width);
                read.setUsageHelpWidth(width);
                assertThat(built.getUsageMessage()).as(name + " at width " + width).isEqualTo(read.getUsageMessage());
            }
        }
    }

    @Test
    @DisplayName("every option and parameter has the attributes its annotation gives it, in the same order")
    void attributesAreUnchanged() throws Exception {
        for (String name : List.of("list", "run", "show", "hint", "progress")) {
            CommandSpec built = subcommand(name, true).getCommandSpec();
            CommandSpec read = subcommand(name, false).getCommandSpec();
            assertThat(describe(built)).as(name).isEqualTo(describe(read));
            assertThat(built.mixins().keySet()).as(name).containsExactlyElementsOf(read.mixins().keySet());
            assertThat(built.mixinStandardHelpOptions()).as(name).isTrue();
            assertThat(built.name()).isEqualTo(read.name());
            assertThat(built.usageMessage().description()).isEqualTo(read.usageMessage().description());
            assertThat(built.usageMessage().footer()).isEqualTo(read.usageMessage().footer());
        }
    }

    @Test
    @DisplayName("command lines parse to the same values, and wrong ones fail with the same message")
    void parsingIsUnchanged() throws Exception {
        List<String[]> lines = List.of(new String[] {}, new String[] {"--json"}, new String[] {"--no-color", "-C", "ws"},
                new String[] {"--dir=ws", "--json", "--no-color"}, new String[] {"-h"}, new String[] {"--help"},
                new String[] {"-V"}, new String[] {"01_basics/01_hello"}, new String[] {"a", "b"},
                new String[] {"--jsn"}, new String[] {"-C"}, new String[] {"-v", "--engine", "docker", "x"},
                new String[] {"--engine", "dokcer"}, new String[] {"--engine"}, new String[] {"--runner", "container"},
                new String[] {"--allow-network", "--deny-network", "--verbose"}, new String[] {"-hv"},
                new String[] {"--", "-C"}, new String[] {"--json=true"});
        for (String name : List.of("list", "run", "show", "hint", "progress")) {
            for (String[] line : lines) {
                assertThat(parse(name, line, true)).as(name + " " + String.join(" ", line))
                        .isEqualTo(parse(name, line, false));
            }
        }
    }

    @Test
    @DisplayName("the values land in the fields the commands read")
    void valuesReachTheCommand() throws Exception {
        CommandLine cl = ProgyCommand.commandLine(new String[] {"run"}, new Main.ContextFactory(ctx));
        cl.parseArgs("run", "--json", "-C", "ws", "--no-color", "-v", "--engine", "Podman", "--runner", "container",
                "--allow-network", "--deny-network", "ex1");
        RunCommand run = (RunCommand) cl.getSubcommands().get("run").getCommandSpec().userObject();
        assertThat(run.common.json).isTrue();
        assertThat(run.common.noColor).isTrue();
        assertThat(run.common.dir).isEqualTo(Path.of("ws"));
        assertThat(run.verbose).isTrue();
        assertThat(run.engine.engine).isEqualTo("podman");
        assertThat(run.courseRunner.id).isEqualTo("container");
        assertThat(run.network.allow).isTrue();
        assertThat(run.network.deny).isTrue();
        assertThat(run.exercise).isEqualTo("ex1");
    }

    private String help(String[] args, boolean byHand, int width) throws Exception {
        CommandLine cl = ProgyCommand.commandLine(args, new Main.ContextFactory(ctx), byHand);
        cl.setUsageHelpWidth(width);
        return cl.getUsageMessage();
    }

    private CommandLine subcommand(String name, boolean byHand) throws Exception {
        return ProgyCommand.commandLine(new String[] {name}, new Main.ContextFactory(ctx), byHand).getSubcommands().get(name);
    }

    /** What parsing {@code line} gives: each argument's value, or the error and its message. */
    private String parse(String name, String[] line, boolean byHand) throws Exception {
        CommandLine cl = ProgyCommand.commandLine(new String[] {name}, new Main.ContextFactory(ctx), byHand);
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(Arrays.asList(line));
        try {
            CommandLine.ParseResult result = cl.parseArgs(args.toArray(String[]::new));
            StringBuilder sb = new StringBuilder("help=" + result.subcommand().isUsageHelpRequested()
                    + " version=" + result.subcommand().isVersionHelpRequested());
            for (ArgSpec arg : cl.getSubcommands().get(name).getCommandSpec().args()) {
                sb.append(' ').append(arg.paramLabel()).append('=').append((Object) arg.getValue());
            }
            return sb.toString();
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<String> describe(CommandSpec spec) {
        List<String> all = new ArrayList<>();
        for (ArgSpec a : spec.args()) {
            StringBuilder b = new StringBuilder();
            if (a instanceof OptionSpec o) {
                b.append("option ").append(Arrays.toString(o.names())).append(" order=").append(o.order())
                        .append(" negatable=").append(o.negatable()).append(" fallback=").append(o.fallbackValue())
                        .append(" usageHelp=").append(o.usageHelp()).append(" versionHelp=").append(o.versionHelp())
                        .append(" help=").append(o.help());
            } else {
                PositionalParamSpec p = (PositionalParamSpec) a;
                b.append("parameter ").append(p.index()).append(" relative=").append(p.index().isRelative())
                        .append(" unspecified=").append(p.index().isUnspecified());
            }
            b.append(" label=").append(a.paramLabel()).append(" arity=").append(a.arity())
                    .append(" arityUnspecified=").append(a.arity().isUnspecified())
                    .append(" type=").append(a.type().getName()).append(" aux=").append(Arrays.toString(a.auxiliaryTypes()))
                    .append(" required=").append(a.required()).append(" hidden=").append(a.hidden())
                    .append(" default=").append(a.defaultValue()).append(" showDefault=").append(a.showDefaultValue())
                    .append(" initial=").append(a.initialValue()).append('/').append(a.hasInitialValue())
                    .append(" converters=").append(Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList())
                    .append(" split=").append(a.splitRegex()).append(" inherited=").append(a.inherited())
                    .append(" scope=").append(a.scopeType()).append(" interactive=").append(a.interactive())
                    .append(" descriptionKey=").append(a.descriptionKey()).append(" hideParamSyntax=")
                    .append(a.hideParamSyntax()).append(" description=").append(Arrays.toString(a.description()))
                    .append(" completion=").append(a.completionCandidates());
            all.add(b.toString());
        }
        return all;
    }
}
