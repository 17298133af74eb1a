package dev.progy.sync.telemetry;

import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSignatureTest {

    private static RunResult result(RunResult.Status status, RunResult.Termination termination, List<TestOutcome> tests,
                                    List<Diagnostic> diagnostics, String output) {
        return new RunResult(status, termination, "", tests, diagnostics, output, false, OptionalInt.of(1),
                OptionalInt.empty(), Duration.ofMillis(5), RunResult.Source.EXIT_CODE);
    }

    private static ErrorSignature fromOutput(String output) {
        return ErrorSignature.of(result(RunResult.Status.ERROR, RunResult.Termination.NORMAL, List.of(), List.of(), output));
    }

    @Test
    @DisplayName("javac's messages keep their words and lose the student's names, files and lines")
    void javac() {
        assertThat(fromOutput("""
                /home/alice/ws/content/01/Main.java:5: error: cannot find symbol
                        int y = countr + 1;
                                ^
                  symbol:   variable countr
                  location: class Main
                1 error
                """).message()).contains("cannot find symbol");
        assertThat(ErrorSignature.normalise("Main.java:7: error: incompatible types: String cannot be converted to int"))
                .isEqualTo("incompatible types: <id> cannot be converted to int");
        assertThat(ErrorSignature.normalise(
                "Greeter.java:3: error: class Greeter is public, should be declared in a file named Greeter.java"))
                .isEqualTo("class <id> is public, should be declared in a file named <path>");
        assertThat(ErrorSignature.normalise("Main.java:9: error: method greetAll in class Greeter cannot be applied to given types;"))
                .isEqualTo("method <id> in class <id> cannot be applied to given types;");
        assertThat(ErrorSignature.normalise("Main.java:3: error: integer number too large: 99999999999"))
                .isEqualTo("integer number too large: <n>");
        assertThat(ErrorSignature.normalise("Main.java:4: error: ';' expected")).isEqualTo("<q> expected");
    }

    @Test
    @DisplayName("a Python syntax error at the end of a traceback is a compile error, without its file or text")
    void pythonTraceback() {
        ErrorSignature s = fromOutput("""
                Traceback (most recent call last):
                  File "/home/alice/ws/content/01_basics/01_first/exercise.py", line 3
                    print("my secret" + value_of_alice
                         ^
                SyntaxError: '(' was never closed
                """);
        assertThat(s.kind()).isEqualTo("compile_error");
        assertThat(s.message()).contains("SyntaxError: <q> was never closed");
        assertThat(ErrorSignature.normalise("IndentationError: Expected an indented block after 'if' statement on line 12"))
                .isEqualTo("IndentationError: Expected an indented block after <q> statement on line <n>");
        ErrorSignature crash = fromOutput("""
                Traceback (most recent call last):
                  File "/home/alice/ws/exercise.py", line 8, in <module>
                    total = totl + 1
                NameError: name 'totl' is not defined
                """);
        assertThat(crash.kind()).isEqualTo("crashed");
        assertThat(crash.message()).isEmpty();
    }

    @Test
    @DisplayName("rustc and C# messages with a code become the code; without one, a template")
    void rustcAndCsharp() {
        assertThat(fromOutput("""
                error[E0308]: mismatched types
                 --> src/main.rs:4:18
                  |
                4 |     let n: i32 = "alice";
                  |            ---   ^^^^^^^ expected `i32`, found `&str`
                """).message()).contains("E0308");
        assertThat(ErrorSignature.normalise("error: expected one of `.`, `;`, `?`, `}`, or an operator, found `let`"))
                .isEqualTo("expected one of <q>, <q>, <q>, <q>, or an operator, found <q>");
        assertThat(ErrorSignature.normalise("Program.cs(5,20): error CS1002: ; expected")).isEqualTo("CS1002");
        Diagnostic d = new Diagnostic(Diagnostic.Severity.ERROR, "mismatched types", "src/main.rs", OptionalInt.of(4),
                OptionalInt.of(18), "E0308", "let n: i32 = \"alice\";", "");
        assertThat(ErrorSignature.of(result(RunResult.Status.ERROR, RunResult.Termination.NORMAL, List.of(), List.of(d),
                "")).message()).contains("E0308");
    }

    @Test
    @DisplayName("gcc's messages lose the names they quote, with straight or curly quotes")
    void gcc() {
        assertThat(ErrorSignature.normalise(
                "/home/bob/ws/main.c:5:3: error: 'countr' undeclared (first use in this function); did you mean 'counter'?"))
                .isEqualTo("<q> undeclared (first use in this function); did you mean <q>?");
        assertThat(ErrorSignature.normalise("main.c:7:12: error: expected ‘;’ before ‘return’"))
                .isEqualTo("expected <q> before <q>");
        assertThat(ErrorSignature.normalise("main.c:2:10: fatal error: mylib/secret_header.h: No such file or directory"))
                .isEqualTo("<path>: No such file or directory");
        assertThat(ErrorSignature.normalise("main.c:9:5: error: too many arguments to function sum_of_alice"))
                .isEqualTo("too many arguments to function <id>");
    }

    @Test
    @DisplayName("limits and failing tests have their own kinds; a failing test is named, with no message")
    void kinds() {
        assertThat(ErrorSignature.of(result(RunResult.Status.ERROR, RunResult.Termination.TIMEOUT, List.of(), List.of(), ""))
                .kind()).isEqualTo("timeout");
        assertThat(ErrorSignature.of(result(RunResult.Status.ERROR, RunResult.Termination.OUT_OF_MEMORY, List.of(),
                List.of(), "")).kind()).isEqualTo("out_of_memory");
        ErrorSignature test = ErrorSignature.of(result(RunResult.Status.FAIL, RunResult.Termination.NORMAL, List.of(
                new TestOutcome("test_adds", RunResult.Status.PASS, "", "", Optional.empty()),
                new TestOutcome("test_sum_of_negatives", RunResult.Status.FAIL, "expected -3, got 3 in /home/a",
                        "", Optional.empty())), List.of(), ""));
        assertThat(test.kind()).isEqualTo("test_failed");
        assertThat(test.test()).contains("test_sum_of_negatives");
        assertThat(test.message()).isEmpty();
        assertThat(fromOutput("Segmentation fault (core dumped)").kind()).isEqualTo("crashed");
    }
}
