package dev.progy.internal.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The host code executor")
class HostCodeExecutorTest {

    private final HostCodeExecutor executor = new HostCodeExecutor();

    @Test
    @DisplayName("runs Python with python3, feeding stdin and returning stdout and the exit code")
    void python() {
        CodeExecutor.Execution run = executor.run("python", "import sys\nprint(input()[::-1])\nsys.exit(4)\n",
                "abc\n", Duration.ofSeconds(10));
        assertThat(run).isEqualTo(new CodeExecutor.Execution(4, "cba\n", false));
    }

    @Test
    @DisplayName("runs JavaScript with node when node is installed")
    void javascript() {
        assumeTrue(executor.supports("javascript"), "node is not installed here");
        CodeExecutor.Execution run = executor.run("javascript",
                "const lines = require('fs').readFileSync(0, 'utf8').trim().split('\\n');\n"
                        + "console.log(lines.map(Number).reduce((a, b) => a + b));\n",
                "2\n3\n", Duration.ofSeconds(10));
        assertThat(run).isEqualTo(new CodeExecutor.Execution(0, "5\n", false));
    }

    @Test
    @DisplayName("runs Java as a single source file named after its class")
    void java() {
        String code = """
                import java.util.Scanner;
                public class Greeter {
                    public static void main(String[] args) {
                        System.out.println("Hi " + new Scanner(System.in).nextLine());
                    }
                }
                """;
        CodeExecutor.Execution run = executor.run("java", code, "Ada\n", Duration.ofSeconds(30));
        assertThat(run.stdout()).isEqualTo("Hi Ada\n");
        assertThat(run.exitCode()).isZero();
        assertThat(HostCodeExecutor.className(code)).isEqualTo("Greeter");
        assertThat(HostCodeExecutor.className("class Helper {}\nfinal class X {}")).isEqualTo("Helper");
    }

    @Test
    @DisplayName("keeps at most 64 KiB of output, and the program still finishes")
    void outputCap() {
        CodeExecutor.Execution run = executor.run("python", "import sys\nsys.stdout.write('x' * 300000)\n", "",
                Duration.ofSeconds(10));
        assertThat(run.timedOut()).isFalse();
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).hasSize(HostCodeExecutor.OUTPUT_LIMIT);
    }

    @Test
    @DisplayName("kills the whole process tree when the timeout is reached")
    void killsTree() {
        String code = """
                import subprocess, sys
                child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
                print(child.pid, flush=True)
                child.wait()
                """;
        CodeExecutor.Execution run = executor.run("python", code, "", Duration.ofSeconds(2));
        assertThat(run.timedOut()).isTrue();
        long childPid = Long.parseLong(run.stdout().trim());
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    @DisplayName("knows which languages it can run here")
    void supports() {
        assertThat(executor.supports("python")).isTrue();
        assertThat(executor.supports("Java")).isTrue();
        assertThat(executor.supports("cobol")).isFalse();
    }
}
