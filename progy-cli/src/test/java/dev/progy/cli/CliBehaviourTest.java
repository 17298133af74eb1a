package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliBehaviourTest {

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
    }

    private Path initJavaBasics() {
        CliHarness.Result r = cli.run("init", CliHarness.example("java-basics").toString(), "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        return tmp.resolve("ws");
    }

    private String firstExercise() {
        return CliJson.parse(cli.run("list", "--json", "-C", "ws").out()).get(0).get("id").asText();
    }

    @Test
    @DisplayName("--version prints the version, --help lists every subcommand, and every subcommand takes --help")
    void versionAndHelp() {
        assertThat(cli.run("--version").out()).startsWith("progy ");
        CliHarness.Result help = cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("init", "list", "run", "watch", "hint", "quiz", "progress", "validate", "pack",
                "Exit codes");
        for (String command : ProgyCommand.SUBCOMMANDS.keySet()) {
            if (!command.equals("help")) {
                CliHarness.Result sub = cli.run(command, "--help");
                assertThat(sub.code()).as(sub.toString()).isZero();
                assertThat(sub.out()).startsWith("Usage: progy " + command);
            }
        }
    }

    @Test
    @DisplayName("a command outside any workspace says how to make one, with no stack trace")
    void outsideWorkspace() {
        CliHarness.Result r = cli.run("run");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("no Progy workspace").contains("progy init").doesNotContain("Exception", "\tat ");
    }

    @Test
    @DisplayName("init keeps the course pristine under .progy/, copies starters but never solutions (kept apart in .progy/solutions/)")
    void initLaysOutTheWorkspace() throws IOException {
        Path ws = initJavaBasics();
        assertThat(ws.resolve(".progy/course/course.json")).isRegularFile();
        assertThat(ws.resolve("course.json")).isRegularFile();
        assertThat(ws.resolve(".progy/solutions/01_basics/01_hello/solution/Main.java")).isRegularFile();
        try (var files = Files.walk(ws)) {
            assertThat(files.map(p -> ws.relativize(p).toString()).filter(p -> !p.startsWith(".progy/solutions")))
                    .noneMatch(p -> p.contains("/solution/") || p.matches(".*/solution\\.[a-z]+"));
        }
    }

    @Test
    @DisplayName("init again never overwrites what the student wrote")
    void initNeverOverwrites() throws IOException {
        Path ws = initJavaBasics();
        String id = firstExercise();
        Path entry;
        try (var files = Files.list(ws.resolve("content").resolve(id))) {
            entry = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "// my own work\n", StandardCharsets.UTF_8);
        CliHarness.Result again = cli.run("init", CliHarness.example("java-basics").toString(), "ws");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(Files.readString(entry)).isEqualTo("// my own work\n");
    }

    @Test
    @DisplayName("the second exercise is locked until the first passes, and list says why")
    void sequentialProgressionLocks() {
        initJavaBasics();
        JsonNode list = CliJson.parse(cli.run("list", "--json", "-C", "ws").out());
        assertThat(list.get(0).get("locked").asBoolean()).isFalse();
        assertThat(list.get(1).get("locked").asBoolean()).isTrue();
        assertThat(list.get(1).get("lockReason").asText()).contains("pass " + list.get(0).get("id").asText());
        CliHarness.Result r = cli.run("run", list.get(1).get("id").asText(), "-C", "ws");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("locked");
        assertThat(cli.run("list", "-C", "ws").out()).contains("locked: pass");
    }

    @Test
    @DisplayName("run --json reports the failing starter with its tests, and progress records the attempt")
    void runJson() {
        initJavaBasics();
        CliHarness.Result r = cli.run("run", "--json", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isIn(ExitCode.FAILED, ExitCode.RUN_ERROR);
        JsonNode n = CliJson.parse(r.out());
        assertThat(n.get("passed").asBoolean()).isFalse();
        assertThat(n.get("exercise").asText()).isEqualTo(firstExercise());
        JsonNode progress = CliJson.parse(cli.run("progress", "--json", "-C", "ws").out());
        assertThat(progress.at("/exercises/" + firstExercise().replace("/", "~1") + "/attempts").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("an AI provider that is not installed is said once on progy's stderr, and the course's own hint comes")
    void missingAiProviderIsAWarningOnStderr() {
        initJavaBasics();
        cli.env.put("PROGY_AI", "no-such-ai");

        CliHarness.Result r = cli.run("hint", "-C", "ws");

        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith("warning: ").contains("no-such-ai", "using the course's own hints");
        assertThat(r.err().lines().filter(l -> l.startsWith("warning: ")).count()).isEqualTo(1);
        assertThat(r.out()).isNotBlank();
    }

    @Test
    @DisplayName("hints come one at a time, then point at what failed")
    void hintsProgress() {
        initJavaBasics();
        cli.run("run", "-C", "ws");
        JsonNode first = CliJson.parse(cli.run("hint", "--json", "-C", "ws").out());
        JsonNode second = CliJson.parse(cli.run("hint", "--json", "-C", "ws").out());
        assertThat(first.get("kind").asText()).isEqualTo("static");
        assertThat(second.get("revealed").asInt()).isEqualTo(first.get("revealed").asInt() + 1);
        assertThat(second.get("text").asText()).isNotEqualTo(first.get("text").asText());
        JsonNode last = first;
        for (int i = 0; i < 10 && last.get("kind").asText().equals("static"); i++) {
            last = CliJson.parse(cli.run("hint", "--json", "-C", "ws").out());
        }
        assertThat(last.get("kind").asText()).isEqualTo("failing_test");
    }

    @Test
    @DisplayName("pack writes the same bytes twice, and validate accepts the archive")
    void packIsDeterministic() {
        CliHarness.Result a = cli.run("pack", CliHarness.example("java-basics").toString(), "-o", "a.progy", "--json");
        CliHarness.Result b = cli.run("pack", CliHarness.example("java-basics").toString(), "-o", "b.progy", "--json");
        assertThat(a.code()).as(a.toString()).isZero();
        assertThat(CliJson.parse(a.out()).get("sha256")).isEqualTo(CliJson.parse(b.out()).get("sha256"));
        assertThat(cli.run("validate", "a.progy").code()).isZero();
        CliHarness.Result init = cli.run("init", "a.progy", "from-archive");
        assertThat(init.code()).as(init.toString()).isZero();
    }

    @Test
    @DisplayName("validate lists every problem of a broken course with file and place, exit 3, no stack trace")
    void validateBrokenCourse() throws IOException {
        Path course = tmp.resolve("broken");
        Files.createDirectories(course.resolve("content/01_basics/01_hello"));
        Files.writeString(course.resolve("course.json"), "{\"id\": \"broken\", \"runners\": [{\"id\": \"x\", \"type\": \"dockr\"}]}");
        Files.writeString(course.resolve("content/01_basics/info.toml"), "[module]\ntitle = \"Basics\"\n[exercises\n");
        CliHarness.Result r = cli.run("validate", "broken");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.COURSE_INVALID);
        assertThat(r.out()).contains("course.json").contains("info.toml").contains("README.md");
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
        JsonNode json = CliJson.parse(cli.run("validate", "broken", "--json").out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("when host runs are not isolated, the first run of a workspace says so once, and doctor says it every time")
    void notIsolatedSaidOnce() {
        initJavaBasics();
        cli.env.put("PROGY_HOST_ISOLATION", "none");
        CliHarness.Result first = cli.run("-C", "ws", "run");
        assertThat(first.err()).contains("host runs are NOT isolated", "container runner");
        CliHarness.Result second = cli.run("-C", "ws", "run");
        assertThat(second.err()).doesNotContain("NOT isolated");
        assertThat(cli.run("-C", "ws", "doctor").out()).contains("note", "host runs are NOT isolated");
    }
}
