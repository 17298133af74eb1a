package dev.progy.spi.support.protocol;

import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.RunResult.Termination;
import dev.progy.model.RunnerSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ResultProtocolTest {

    private static final RunnerSpec.Limits LIMITS = RunnerSpec.Limits.DEFAULT;
    private static final Duration TOOK = Duration.ofMillis(42);

    private static RunResult read(RawRun run) {
        return ResultProtocol.read(run, LIMITS);
    }

    private static RawRun exited(int code, String output) {
        return RawRun.exited(code, output, TOOK);
    }

    @Nested
    @DisplayName("by exit code")
    class ByExitCode {

        @Test
        @DisplayName("exit 0 passes and shows the output as it is")
        void exitZeroPasses() {
            RunResult r = read(exited(0, "hello\n"));
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.source()).isEqualTo(Source.EXIT_CODE);
            assertThat(r.output()).isEqualTo("hello\n");
            assertThat(r.exitCode()).hasValue(0);
            assertThat(r.duration()).isEqualTo(TOOK);
        }

        @Test
        @DisplayName("any other exit code fails, and the summary names it")
        void nonZeroFails() {
            RunResult r = read(exited(3, "expected 42, got 41\n"));
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.summary()).contains("exit code 3");
            assertThat(r.output()).isEqualTo("expected 42, got 41\n");
            assertThat(r.termination()).isEqualTo(Termination.NORMAL);
        }

        @Test
        @DisplayName("a crash by signal is named as such")
        void signalNamed() {
            assertThat(read(exited(139, "")).summary()).contains("signal 11");
        }

        @Test
        @DisplayName("no exit code at all is an error")
        void noExitCode() {
            RawRun run = new RawRun(OptionalInt.empty(), "", false, false, false, Optional.empty(), TOOK);
            assertThat(read(run).status()).isEqualTo(Status.ERROR);
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("a timeout is an error saying how long the run was allowed, whatever it printed")
        void timeout() {
            RawRun run = new RawRun(OptionalInt.of(137), "__SRP_BEGIN__{\"success\":true}__SRP_END__", false, true,
                    false, Optional.of("{\"version\":2,\"status\":\"pass\"}"), TOOK);
            RunResult r = ResultProtocol.read(run, LIMITS.withTimeout(Duration.ofSeconds(20)));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
            assertThat(r.source()).isEqualTo(Source.LIMIT);
            assertThat(r.summary()).isEqualTo("timed out after 20 s");
        }

        @Test
        @DisplayName("a fractional timeout is shown with its decimals")
        void fractionalTimeout() {
            RawRun run = new RawRun(OptionalInt.empty(), "", false, true, false, Optional.empty(), TOOK);
            assertThat(ResultProtocol.read(run, LIMITS.withTimeout(Duration.ofMillis(2500))).summary())
                    .isEqualTo("timed out after 2.5 s");
        }

        @Test
        @DisplayName("running out of memory is reported with the limit")
        void outOfMemory() {
            RawRun run = new RawRun(OptionalInt.of(137), "", false, false, true, Optional.empty(), TOOK);
            RunResult r = read(run);
            assertThat(r.termination()).isEqualTo(Termination.OUT_OF_MEMORY);
            assertThat(r.summary()).isEqualTo("ran out of memory (512 MiB)");
        }

        @Test
        @DisplayName("a run stopped for writing too much says so with its disk limit")
        void diskLimit() {
            RawRun run = new RawRun(OptionalInt.of(137), "writing\n", false, false, false, Optional.of("{}"), TOOK, true);
            RunResult r = read(run);
            assertThat(r.termination()).isEqualTo(Termination.DISK_LIMIT);
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.summary()).isEqualTo("wrote too much (limit 256 MiB)");
            assertThat(r.output()).isEqualTo("writing\n");
        }

        @Test
        @DisplayName("too much output is reported as cut, with the output kept")
        void outputLimit() {
            RawRun run = new RawRun(OptionalInt.of(137), "yyyy\n… output truncated at 1 MiB …\n", true, false, false,
                    Optional.empty(), TOOK);
            RunResult r = read(run);
            assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
            assertThat(r.summary()).isEqualTo("printed more than 1 MiB; output cut");
            assertThat(r.outputTruncated()).isTrue();
            assertThat(r.output()).contains("output truncated");
        }
    }

    @Nested
    @DisplayName("SRP")
    class Srp {

        private static final String REPORT = """
                {"success": false, "summary": "1 of 2 tests passed", "score": 50, "raw": "",
                 "tests": [{"name": "adds", "status": "pass", "duration": 12},
                           {"name": "subtracts", "status": "fail", "message": "expected 1, got 3"}],
                 "diagnostics": [{"severity": "warning", "message": "unused variable", "file": "main.rs",
                                  "line": 3, "column": 9, "code": "W0612", "snippet": "let x = 1;",
                                  "suggestion": "remove x"}]}""";

        @Test
        @DisplayName("a block's tests, diagnostics, score and summary are read, and the block is cut from the output")
        void blockRead() {
            RunResult r = read(exited(0, "compiling\n__SRP_BEGIN__\n" + REPORT + "\n__SRP_END__\ndone\n"));
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.source()).isEqualTo(Source.SRP);
            assertThat(r.summary()).isEqualTo("1 of 2 tests passed");
            assertThat(r.score()).hasValue(50);
            assertThat(r.tests()).extracting(t -> t.name() + ":" + t.status())
                    .containsExactly("adds:PASS", "subtracts:FAIL");
            assertThat(r.tests().get(0).duration()).contains(Duration.ofMillis(12));
            assertThat(r.tests().get(1).message()).isEqualTo("expected 1, got 3");
            Diagnostic d = r.diagnostics().get(0);
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(d.location()).isEqualTo("main.rs:3:9");
            assertThat(d.code()).isEqualTo("W0612");
            assertThat(d.suggestion()).isEqualTo("remove x");
            assertThat(r.output()).isEqualTo("compiling\ndone\n");
        }

        @Test
        @DisplayName("success decides, whatever the exit code")
        void successDecides() {
            RunResult r = read(exited(1, "__SRP_BEGIN__\n{\"success\": true}\n__SRP_END__\n"));
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.summary()).isEqualTo("passed");
        }

        @Test
        @DisplayName("the first block wins")
        void firstBlockWins() {
            RunResult r = read(exited(0, "__SRP_BEGIN__\n{\"success\": false, \"summary\": \"first\"}\n__SRP_END__\n"
                    + "__SRP_BEGIN__\n{\"success\": true, \"summary\": \"second\"}\n__SRP_END__\n"));
            assertThat(r.summary()).isEqualTo("first");
        }

        @Test
        @DisplayName("the raw text of a wrapper script is shown when it was not printed already")
        void rawShown() {
            RunResult r = read(exited(0, "__SRP_BEGIN__\n{\"success\": true, \"raw\": \"Hello, world\\n\"}\n__SRP_END__\n"));
            assertThat(r.output()).isEqualTo("Hello, world\n");
            RunResult printedToo = read(exited(0,
                    "Hello, world\n__SRP_BEGIN__\n{\"success\": true, \"raw\": \"Hello, world\\n\"}\n__SRP_END__\n"));
            assertThat(printedToo.output()).isEqualTo("Hello, world\n");
        }

        @Test
        @DisplayName("a block that is not valid JSON is an error telling the course author")
        void brokenBlock() {
            RunResult r = read(exited(0, "__SRP_BEGIN__\n{\"success\": tru\n__SRP_END__\n"));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.source()).isEqualTo(Source.SRP);
            assertThat(r.summary()).contains("SRP block", "not valid JSON");
        }

        @Test
        @DisplayName("a block without a boolean success is an error")
        void noSuccess() {
            RunResult r = read(exited(0, "__SRP_BEGIN__\n{\"summary\": \"ok\"}\n__SRP_END__\n"));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.summary()).contains("\"success\"");
        }

        @Test
        @DisplayName("without a block, the last JSON object with a success field is read, and cut from the output")
        void bareObject() {
            String out = "log {not json}\n{\"success\": false, \"summary\": \"old\"}\nmore\n"
                    + "{\"success\": true, \"summary\": \"new\", \"tests\": [{\"name\": \"t\", \"status\": \"pass\"}]}\n"
                    + "{\"unrelated\": 1}\n";
            RunResult r = read(exited(1, out));
            assertThat(r.source()).isEqualTo(Source.SRP);
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.summary()).isEqualTo("new");
            assertThat(r.tests()).hasSize(1);
            assertThat(r.output()).isEqualTo("log {not json}\n{\"success\": false, \"summary\": \"old\"}\nmore\n"
                    + "{\"unrelated\": 1}\n");
        }

        @Test
        @DisplayName("JSON without a success field is just output")
        void unrelatedJson() {
            RunResult r = read(exited(0, "{\"result\": 42}\n"));
            assertThat(r.source()).isEqualTo(Source.EXIT_CODE);
            assertThat(r.output()).isEqualTo("{\"result\": 42}\n");
        }
    }

    @Nested
    @DisplayName("results.json")
    class ResultsFile {

        @Test
        @DisplayName("an Exercism results file decides, before an SRP block, and the block is cut from the output")
        void resultsFileWins() {
            String json = """
                    {"version": 3, "status": "fail", "message": "",
                     "tests": [{"name": "greets", "status": "pass", "test_code": "assert hi()", "task_id": 1},
                               {"name": "shouts", "status": "fail", "message": "expected HI", "output": "hi\\n"}]}""";
            RunResult r = read(exited(0, "hi\n__SRP_BEGIN__\n{\"success\": true}\n__SRP_END__\n").withResultsJson(json));
            assertThat(r.source()).isEqualTo(Source.RESULTS_FILE);
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.summary()).isEqualTo("1 of 2 tests passed");
            assertThat(r.tests()).extracting(t -> t.name() + ":" + t.status()).containsExactly("greets:PASS", "shouts:FAIL");
            assertThat(r.tests().get(1).output()).isEqualTo("hi\n");
            assertThat(r.output()).isEqualTo("hi\n");
        }

        @Test
        @DisplayName("a compile error reported both ways keeps the SRP block's diagnostics with file and line")
        void diagnosticsFromTheSrpBlockJoinTheResultsFile() {
            String srp = "__SRP_BEGIN__\n{\"success\": false, \"diagnostics\": [{\"severity\": \"error\","
                    + " \"message\": \"';' expected\", \"file\": \"content/01/Main.java\", \"line\": 3, \"column\": 9}]}"
                    + "\n__SRP_END__\n";
            RunResult r = read(exited(1, srp).withResultsJson(
                    "{\"version\": 2, \"status\": \"error\", \"message\": \"did not compile\", \"tests\": []}"));
            assertThat(r.source()).isEqualTo(Source.RESULTS_FILE);
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.diagnostics()).singleElement()
                    .satisfies(d -> assertThat(d.location()).isEqualTo("content/01/Main.java:3:9"));
        }

        @Test
        @DisplayName("version 1 (status and message only) is read")
        void versionOne() {
            RunResult r = read(exited(1, "").withResultsJson(
                    "{\"version\": 1, \"status\": \"error\", \"message\": \"SyntaxError on line 3\"}"));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.summary()).isEqualTo("SyntaxError on line 3");
        }

        @Test
        @DisplayName("a malformed results file is an error saying so")
        void malformed() {
            RunResult r = read(exited(0, "").withResultsJson("{\"status\": pass}"));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.source()).isEqualTo(Source.RESULTS_FILE);
            assertThat(r.summary()).contains("results.json is malformed", "not valid JSON");
            assertThat(read(exited(0, "").withResultsJson("{\"status\": \"great\"}")).summary())
                    .contains("\"status\" must be");
        }

        @Test
        @DisplayName("an unknown version is an error naming the versions read")
        void unknownVersion() {
            RunResult r = read(exited(0, "").withResultsJson("{\"version\": 4, \"status\": \"pass\"}"));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.summary()).contains("version 4", "1 to 3");
        }

        @Test
        @DisplayName("a results file over 500 KiB is an error saying it is too large, never parsed")
        void oversized() {
            String big = "{\"version\": 2, \"status\": \"pass\", \"message\": \"" + "x".repeat(500 * 1024) + "\"}";
            RunResult r = read(exited(0, "").withResultsJson(big));
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.summary()).contains("larger than 500 KiB");
        }

        @Test
        @DisplayName("the file is read from the output folder, at most a byte past the limit")
        void readFromFolder(@TempDir Path dir) throws IOException {
            assertThat(ResultProtocol.readResultsFile(dir)).isEmpty();
            Files.writeString(dir.resolve("results.json"), "{\"status\": \"pass\"}");
            assertThat(ResultProtocol.readResultsFile(dir)).contains("{\"status\": \"pass\"}");
            Files.writeString(dir.resolve("results.json"), "x".repeat(2 * 1024 * 1024));
            assertThat(ResultProtocol.readResultsFile(dir).orElseThrow())
                    .hasSize(ResultProtocol.RESULTS_FILE_LIMIT_BYTES + 1);
        }

        @Test
        @DisplayName("a results file that is a link is never followed")
        void linkNotFollowed(@TempDir Path dir) throws IOException {
            Path secret = Files.writeString(dir.resolve("secret.txt"), "{\"status\": \"pass\", \"message\": \"key\"}");
            Path out = Files.createDirectory(dir.resolve("out"));
            Files.createSymbolicLink(out.resolve("results.json"), secret);
            assertThat(ResultProtocol.readResultsFile(out)).isEmpty();
        }
    }

    @Test
    @DisplayName("a program that could not start is an error whose summary says why")
    void couldNotStart() {
        RunResult r = ResultProtocol.couldNotStart("python3: command not found on PATH; install it", TOOK);
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.summary()).startsWith("python3: command not found");
        assertThat(r.exitCode()).isEmpty();
    }
}
