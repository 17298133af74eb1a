package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user reads when they type a command line wrong or ask for help. */
class HelpAndUsageTest {

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
    }

    @Test
    @DisplayName("a usage error prints one line saying what is wrong and where to read more, not the whole help; exit 2")
    void usageErrorIsOneLine() {
        for (String[] args : List.of(new String[] {"run", "--frobnicate"}, new String[] {"pack"},
                new String[] {"guard", "x", "--max-archive", "many"}, new String[] {"run", "--runner"})) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).as(r.toString()).isEmpty();
            assertThat(r.err().lines().toList()).as(r.toString()).hasSize(2);
            assertThat(r.err()).as(r.toString()).startsWith("error: ")
                    .contains("Run 'progy " + args[0] + " --help' for usage.").doesNotContain("Usage:");
        }
        assertThat(cli.run("run", "--frobnicate").err()).contains("--frobnicate");
        assertThat(cli.run("guard", "x", "--max-archive", "many").err()).contains("--max-archive", "many");
    }

    @Test
    @DisplayName("a usage error is said in progy's words, never picocli's (\"Missing required parameter\", \"index 0\")")
    void usageErrorInPlainWords() {
        assertThat(cli.run("reset").err()).startsWith("error: missing <exercise>\n");
        assertThat(cli.run("completion", "tcsh").err())
                .startsWith("error: <shell> cannot be 'tcsh': use one of bash, zsh, fish\n");
        assertThat(cli.run("run", "--jsn").err()).startsWith("error: unknown option '--jsn' (did you mean --json?)\n");
        assertThat(cli.run("list", "extra").err()).startsWith("error: unexpected argument 'extra'\n");
        assertThat(cli.run("guard", "x", "--max-archive", "many").err())
                .startsWith("error: --max-archive cannot be 'many': give a number\n");
        assertThat(cli.run("run", "--runner").err()).startsWith("error: --runner needs a value: --runner <id>\n");
        for (String[] args : List.of(new String[] {"reset"}, new String[] {"completion", "tcsh"}, new String[] {"run", "--jsn"},
                new String[] {"list", "extra"}, new String[] {"run", "--runner"})) {
            assertThat(cli.run(args).err()).as(String.join(" ", args))
                    .doesNotContain("Missing required", "Invalid value", "Unknown option", "Unmatched", "index 0", "case-sensitive");
        }
    }

    @Test
    @DisplayName("with --json a usage error is the JSON every other error is, on stdout, still exit 2")
    void usageErrorAsJson() {
        CliHarness.Result r = cli.run("list", "--json", "--frobnicate");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        JsonNode n = CliJson.parse(r.out());
        assertThat(n.path("error").asText()).contains("--frobnicate");
        assertThat(n.path("fix").asText()).isEqualTo("Run 'progy list --help' for usage.");
        assertThat(r.err()).isEmpty();
    }

    @Test
    @DisplayName("a mistyped command is named as not a command, with the nearest one when there is one")
    void unknownCommand() {
        CliHarness.Result r = cli.run("progres");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'progres' is not a progy command", "progress", "Run 'progy' for the list of commands.")
                .doesNotContain("Usage:", "index 0");
        assertThat(cli.run("rnu").err()).startsWith("error: 'rnu' is not a progy command (did you mean run?)");
        assertThat(cli.run("lsit").err()).contains("(did you mean list?)");
        assertThat(cli.run("xyzzy").err()).doesNotContain("did you mean");
    }

    @Test
    @DisplayName("progy alone lists every command with one sentence each, how to get help, and the exit codes one per line")
    void noArgumentsListsCommands() {
        CliHarness.Result r = cli.run();
        assertThat(r.code()).isZero();
        String out = r.out();
        for (String command : ProgyCommand.SUBCOMMANDS.keySet()) {
            assertThat(out).as(command).containsPattern("(?m)^  " + command + " +\\S");
            if (ProgyCommand.SUMMARIES.containsKey(command)) {
                assertThat(out).as("one line: " + command).containsPattern("(?m)^  " + command + " +\\S.*\\.$");
            }
        }
        assertThat(out).contains("Run 'progy <command> --help'");
        for (String code : List.of("0", "1", "2", "3", "4", "5", "6", "7", "70")) {
            assertThat(out).containsPattern("(?m)^  " + code + " +\\S");
        }
        assertThat(out).isEqualTo(cli.run("--help").out());
    }

    @Test
    @DisplayName("no help line is wider than 80 columns or ends a line on a stray full stop, and the command list never "
            + "stops mid-sentence")
    void helpReadsWellWrapped() {
        String top = cli.run().out();
        List<String> commandLines = top.lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .takeWhile(l -> !l.isBlank()).toList();
        // each command's entry (its line and continuation lines) ends with the end of a sentence
        StringBuilder entry = new StringBuilder();
        for (String line : commandLines) {
            if (line.startsWith("  ") && !line.startsWith("   ") && entry.length() > 0) {
                assertThat(entry.toString().strip()).as(entry.toString()).endsWith(".");
                entry.setLength(0);
            }
            entry.append(line).append(' ');
        }
        assertThat(entry.toString().strip()).endsWith(".");
        List<String[]> commands = new java.util.ArrayList<>();
        ProgyCommand.SUBCOMMANDS.keySet().stream().filter(c -> !c.equals("help")).forEach(c -> commands.add(new String[] {c}));
        commands.add(new String[] {"new", "course"});
        commands.add(new String[] {"new", "exercise"});
        for (String[] command : commands) {
            String[] args = Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            String help = cli.run(args).out();
            for (String line : help.lines().toList()) {
                assertThat(line.length()).as(String.join(" ", command) + ": " + line).isLessThanOrEqualTo(80);
                assertThat(line).as(String.join(" ", command)).doesNotEndWith(" .");
            }
            // a file name is never split at its dot ("course." then "json" on the next line)
            assertThat(help).as(String.join(" ", command))
                    .doesNotContainPattern("[a-z]\\.\\R\\s*(json|toml|md|progy|git|py|java)\\b");
        }
    }

    @Test
    @DisplayName("the command list gives each command one sentence: completion's shell set-up lines stay in its own help")
    void commandListHasOneSentenceEach() {
        String top = cli.run().out();
        String completion = top.lines().dropWhile(l -> !l.startsWith("  completion ")).takeWhile(l -> !l.startsWith("  help "))
                .reduce("", (a, b) -> a + b.strip() + " ").strip().replaceAll("\\s+", " ");
        assertThat(completion).isEqualTo("completion Print a shell completion script for progy: bash, zsh or fish.");
        assertThat(cli.run("completion", "--help").out()).contains("~/.bashrc", "~/.zshrc", "progy.fish");
    }

    @Test
    @DisplayName("words never break: a wrapped command list keeps every word whole")
    void wrapKeepsWords() {
        String wrapped = ProgyCommand.wrap("  x  ", "one two three four five six seven", 5, 16);
        assertThat(wrapped.lines().toList()).containsExactly("  x  one two", "     three four", "     five six", "     seven");
        assertThat(ProgyCommand.firstSentence("Pack it, e.g. a course. Then more.")).isEqualTo("Pack it, e.g. a course.");
    }

    @Test
    @DisplayName("every command whose --help offers --json prints JSON on stdout with it, and nothing else there")
    void everyJsonIsJson() {
        String course = CliHarness.example("python-original").toString();
        java.util.Map<String, String[]> args = new java.util.LinkedHashMap<>();
        args.put("init", new String[] {"init", course, "ws"});
        args.put("list", new String[] {"list", "-C", "ws"});
        args.put("run", new String[] {"run", "-C", "ws"});
        args.put("hint", new String[] {"hint", "-C", "ws"});
        args.put("quiz", new String[] {"quiz", "02_conditions", "--answers", "missing.json", "-C", "ws"});
        args.put("progress", new String[] {"progress", "-C", "ws"});
        args.put("sync", new String[] {"sync", "-C", "ws"});
        args.put("backup", new String[] {"backup", "-C", "ws"});
        args.put("validate", new String[] {"validate", course});
        args.put("pack", new String[] {"pack", course, "-o", "c.progy"});
        args.put("optimize", new String[] {"optimize", "c.progy", "-o", "d.progy"});
        args.put("guard", new String[] {"guard", "c.progy"});
        args.put("upgrade", new String[] {"upgrade", "-C", "ws"});
        args.put("doctor", new String[] {"doctor"});
        args.put("gc", new String[] {"gc", "--dry-run"});
        for (var e : args.entrySet()) {
            assertThat(cli.run(e.getKey(), "--help").out()).as(e.getKey()).contains("--json");
            String[] withJson = java.util.stream.Stream.concat(Arrays.stream(e.getValue()), java.util.stream.Stream.of("--json"))
                    .toArray(String[]::new);
            CliHarness.Result r = cli.run(withJson);
            assertThat(r.code()).as(r.toString()).isNotIn(ExitCode.USAGE, ExitCode.INTERNAL);
            assertThat(CliJson.parse(r.out())).as(e.getKey() + ": " + r).isNotNull();
        }
    }
}
