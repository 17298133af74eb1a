package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A student guided by what the CLI prints: what to edit and read, what a pass earned, what comes next. */
class GuidedStudentTest {

    @TempDir
    Path tmp;
    CliHarness cli;
    Path ws;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
        GuideCourse.write(tmp.resolve("course"), null);
        CliHarness.Result init = cli.run("init", tmp.resolve("course").toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        ws = tmp.resolve("ws");
    }

    private void solve(String id) throws IOException {
        Files.writeString(ws.resolve("content").resolve(id).resolve("exercise.py"), "# solved\n");
    }

    @Test
    @DisplayName("a failing run names the file to edit (not the tests beside it) and the README to read, as paths that open from here")
    void failingRunNamesFiles() {
        CliHarness.Result r = cli.run("run", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("Edit: ws/content/01_basics/01_first/exercise.py · Read: "
                + "ws/content/01_basics/01_first/README.md (progy show 01_basics/01_first -C ws)");
        assertThat(r.out()).doesNotContain("test_exercise.py");

        CliHarness inside = new CliHarness(ws);
        CliHarness.Result there = inside.run("run");
        assertThat(there.out()).contains("Edit: content/01_basics/01_first/exercise.py · Read: "
                + "content/01_basics/01_first/README.md (progy show 01_basics/01_first)");
    }

    @Test
    @DisplayName("a pass shows the XP it earned and the next exercise with its command; the module's last pass shows its completion message")
    void passShowsXpNextAndCompletion() throws IOException {
        solve("01_basics/01_first");
        CliHarness.Result first = cli.run("run", "-C", "ws");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("+20 XP", "(20 XP in all)",
                "Next: 01_basics/02_second  Second  → progy show 01_basics/02_second -C ws, then progy run 01_basics/02_second -C ws")
                .doesNotContain("Module complete", "Edit:");

        solve("01_basics/02_second");
        CliHarness.Result second = cli.run("run", "-C", "ws");
        assertThat(second.out()).contains("+30 XP", "(50 XP in all)", "Module complete: Basics",
                "Basics done: on to more!", "Next: 02_more/01_third");

        CliHarness.Result again = cli.run("run", "01_basics/02_second", "-C", "ws");
        assertThat(again.out()).as("a second pass earns nothing and completes nothing again")
                .doesNotContain("XP", "Module complete");
    }

    @Test
    @DisplayName("show lays out the README: headings underlined, no Markdown markers, code indented, lists and links; colour only on a terminal")
    void showRendersTheReadme() {
        CliHarness.Result r = cli.run("show", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("First steps\n═══════════", "What to do\n──────────",
                "Write the word solved in exercise.py, then run `progy run`.",
                "  1. Open the file.\n  2. Type the word.", "  • a bullet\n  • another bullet",
                "    print(\"solved\")", "the docs (https://example.org/docs)")
                .doesNotContain("# First", "**", "```", "\u001b[");

        cli.terminal = true;
        assertThat(cli.run("show", "01_basics/01_first", "-C", "ws").out()).contains("\u001b[1mFirst steps",
                "\u001b[1mBold with \u001b[36mcode\u001b[39m inside\u001b[22m");
        assertThat(cli.run("show", "01_basics/01_first", "--no-color", "-C", "ws").out()).doesNotContain("\u001b[");
    }

    @Test
    @DisplayName("an exercise can be named by a path to its folder or a file in it, relative to here or the workspace")
    void exerciseByPath() {
        for (String name : new String[] {"ws/content/01_basics/02_second/", "content/01_basics/02_second/exercise.py",
                "01_basics/02_second/", "02_second", "ws/content/01_basics/02_second/README.md"}) {
            CliHarness.Result r = cli.run("show", name, "--json", "-C", "ws");
            assertThat(r.code()).as(name + ": " + r).isZero();
            assertThat(CliJson.parse(r.out()).get("exercise").asText()).as(name).isEqualTo("01_basics/02_second");
        }
    }

    @Test
    @DisplayName("a near miss gets 'did you mean', with exit 5")
    void didYouMean() {
        CliHarness.Result r = cli.run("run", "01_basics/02_secnd", "-C", "ws");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("no exercise '01_basics/02_secnd'; did you mean 01_basics/02_second (Second)?");
        assertThat(cli.run("show", "01_frist", "-C", "ws").err()).contains("did you mean 01_basics/01_first");
    }

    @Test
    @DisplayName("reset puts the starter back and keeps the student's copy in .progy/reset-backup/")
    void reset() throws IOException {
        Path file = ws.resolve("content/01_basics/01_first/exercise.py");
        Files.writeString(file, "my attempt\n");
        CliHarness.Result r = cli.run("reset", "01_first", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("01_basics/01_first has its starter files again", "ws/.progy/reset-backup/");
        assertThat(Files.readString(file)).isEqualTo("# TODO\n");
        try (Stream<Path> backups = Files.walk(ws.resolve(".progy/reset-backup"))) {
            Path kept = backups.filter(p -> p.endsWith("content/01_basics/01_first/exercise.py")).findFirst().orElseThrow();
            assertThat(Files.readString(kept)).isEqualTo("my attempt\n");
        }
        assertThat(cli.run("reset", "-C", "ws").code()).as("reset needs an exercise").isEqualTo(ExitCode.USAGE);
    }

    @Test
    @DisplayName("solution is refused (exit 5) before the exercise passes and shown after; it is never among the student's files")
    void solution() throws IOException {
        CliHarness.Result before = cli.run("solution", "01_basics/01_first", "-C", "ws");
        assertThat(before.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(before.err()).contains("shown once the exercise has passed").doesNotContain("# solved");
        assertThat(ws.resolve("content/01_basics/01_first/solution.py")).doesNotExist();

        solve("01_basics/01_first");
        assertThat(cli.run("run", "-C", "ws").code()).isZero();
        CliHarness.Result after = cli.run("solution", "01_basics/01_first", "-C", "ws");
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.out()).contains("── solution.py ──", "# solved");
    }

    @Test
    @DisplayName("completion prints a bash script (zsh: the same, loading bashcompinit) and a fish script; another shell is a usage error")
    void completion() throws IOException, InterruptedException {
        CliHarness.Result bash = cli.run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F", "progy", "show", "reset", "solution");
        Path script = Files.writeString(tmp.resolve("progy.bash"), bash.out());
        Process p = new ProcessBuilder("bash", "-c", "source \"$0\" 2>/dev/null; COMP_WORDS=(progy s); COMP_CWORD=1; "
                + "COMP_LINE='progy s'; COMP_POINT=7; _complete_progy progy s progy 2>/dev/null; echo \"${COMPREPLY[@]}\"",
                script.toString()).redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes()).strip()).as("bash completes 'progy s'")
                .isEqualTo("show solution sync share search");
        assertThat(p.waitFor()).isZero();
        assertThat(cli.run("completion", "zsh").out()).contains("bashcompinit", "complete -F");
        CliHarness.Result fish = cli.run("completion", "fish");
        assertThat(fish.out()).contains("complete -c progy -f -n __fish_use_subcommand -a run",
                "complete -c progy -n '__fish_seen_subcommand_from run' -l json");
        assertThat(cli.run("completion", "tcsh").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    @DisplayName("a hint's Markdown is rendered, and its title is not printed twice")
    void hintRendered() {
        CliHarness.Result r = cli.run("hint", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Hint 1 of 1", "Type the word solved.").doesNotContain("**");
        assertThat(r.out().split("Hint 1 of 1", -1)).hasSize(2);
    }

    @Test
    @DisplayName("quiz results show each question, the answer given and the right one; unknown ids are refused; an uncheckable coding answer is not counted")
    void quizResults() throws IOException {
        Files.writeString(tmp.resolve("answers.json"), "{\"words\": \"a\", \"odd\": true, \"old\": \"DISPLAY 'HI'.\"}");
        CliHarness.Result r = cli.run("quiz", "01_first", "--answers", "answers.json", "-C", "ws");
        assertThat(r.out()).contains("✗ 1. Which word passes the exercise?", "your answer: a) done", "right answer: b) solved",
                "✓ 2. Is 3 odd?", "your answer: true", "3. Print HI in COBOL.", "Not checked here",
                "1 of 2 right, 50 % (1 not checked here, not counted)");
        JsonNode json = CliJson.parse(cli.run("quiz", "01_first", "--answers", "answers.json", "--json", "-C", "ws").out());
        assertThat(json.get("total").asInt()).isEqualTo(2);
        assertThat(json.get("feedback").get(2).get("checked").asBoolean()).isFalse();
        assertThat(json.get("feedback").get(0).get("rightAnswer").asText()).isEqualTo("b) solved");

        Files.writeString(tmp.resolve("typo.json"), "{\"word\": \"b\"}");
        CliHarness.Result typo = cli.run("quiz", "01_first", "--answers", "typo.json", "-C", "ws");
        assertThat(typo.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(typo.err()).contains("the quiz has no question 'word'; did you mean 'words'?");
    }

    @Test
    @DisplayName("a run longer than a second shows a spinner with the elapsed time on a terminal, never with --json or when piped")
    void spinner() throws IOException {
        Files.writeString(ws.resolve("content/01_basics/01_first/exercise.py"), "# slow\n");
        cli.terminal = true;
        CliHarness.Result onTerminal = cli.run("run", "-C", "ws");
        assertThat(onTerminal.err()).contains("running 01_basics/01_first").containsPattern("\\d\\.\\d s");
        assertThat(onTerminal.err()).as("the spinner is wiped at the end").endsWith("\r\u001b[K");
        CliHarness.Result json = cli.run("run", "--json", "-C", "ws");
        assertThat(json.err()).doesNotContain("running");
        cli.terminal = false;
        assertThat(cli.run("run", "-C", "ws").err()).doesNotContain("running");
    }
}
