package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StyleTest {

    private static Style styleFor(boolean terminal, Map<String, String> env, boolean noColor) {
        try (CliContext ctx = new CliContext(Path.of("."), new BufferedReader(new StringReader("")),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env, terminal)) {
            return ctx.style(noColor);
        }
    }

    @Test
    @DisplayName("colour only on a terminal, and never with NO_COLOR or --no-color")
    void colourOnlyOnATerminal() {
        assertThat(styleFor(true, Map.of(), false).green("ok")).isEqualTo("\u001b[32mok\u001b[0m");
        assertThat(styleFor(false, Map.of(), false).green("ok")).isEqualTo("ok");
        assertThat(styleFor(true, Map.of("NO_COLOR", "1"), false).green("ok")).isEqualTo("ok");
        assertThat(styleFor(true, Map.of(), true).green("ok")).isEqualTo("ok");
    }
}
