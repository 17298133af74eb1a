package dev.progy.spi.support.sandbox;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmAgentTest {

    private static final List<String> HOSTILE = List.of("plain", "two words", "it's", "'", "$HOME", "`id`",
            "$(touch pwned)", "a\nb", "\\", "*", "-e", "", "x\"y", "; exit 3");

    @Test
    @DisplayName("a run's words reach the command exactly as given, whatever quotes, dollars or newlines they hold")
    void wordsPassUntouched(@TempDir Path dir) throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            env.put("V" + i, HOSTILE.get(i));
        }
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c",
                "for a in \"$@\"; do printf '[%s]' \"$a\"; done; for i in $(seq 0 13); do eval printf \"'<%s>'\" \\\"\\$V$i\\\"; done",
                "sh"));
        argv.addAll(HOSTILE);
        Path script = dir.resolve("run");
        Files.writeString(script, WarmAgent.script(argv, env, dir.toString()));
        Process p = new ProcessBuilder("sh", script.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        StringBuilder expected = new StringBuilder();
        HOSTILE.forEach(w -> expected.append('[').append(w).append(']'));
        HOSTILE.forEach(w -> expected.append('<').append(w).append('>'));
        assertThat(out).isEqualTo(expected.toString());
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    @DisplayName("a run in a folder that is not there ends with 126 and runs nothing")
    void missingFolder(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("run");
        Files.writeString(script, WarmAgent.script(List.of("touch", dir.resolve("ran").toString()), Map.of(),
                dir.resolve("absent").toString()));
        Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isEqualTo(126);
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    @DisplayName("an environment whose names are not shell names is left to exec sessions")
    void environmentNamesMustBeShellNames() {
        assertThat(WarmAgent.canCarry(Map.of("PROGY_OUTPUT_DIR", "/progy/out", "_x1", "y"))).isTrue();
        assertThat(WarmAgent.canCarry(Map.of("a.b", "y"))).isFalse();
        assertThat(WarmAgent.canCarry(Map.of("1A", "y"))).isFalse();
        assertThatThrownBy(() -> WarmAgent.script(List.of("true"), Map.of("a b", "y"), "/"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
