package dev.progy.cli.ui;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An exercise's instructions as its page shows them: safe HTML, coloured code, links that stay in the workspace. */
class UiInstructionsTest {
    private static final String FOLDER = "content/01_basics/01_hello";
    private static final Map<String, String> READMES = Map.of("content/01_basics/02_conditions/README.md",
            "01_basics/02_conditions");

    private static String html(String markdown) {
        return InstructionsHtml.render(markdown, FOLDER, READMES);
    }

    @Test
    @DisplayName("HTML written in the Markdown is shown as text and a javascript: link goes nowhere")
    void noScriptFromTheCourse() {
        String out = html("<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assertThat(out).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("javascript:")
                .contains("&lt;script&gt;");
    }

    @Test
    @DisplayName("relative images and links go through the checked file route; another exercise's README opens its page")
    void relativeLinks() {
        String out = html("![diagram](images/flow.png) [next](../02_conditions/README.md#task) [data](data.csv)"
                + " [out](../../../../etc/passwd) [web](https://example.org)");
        assertThat(out).contains("src=\"/file?path=content%2F01_basics%2F01_hello%2Fimages%2Fflow.png\"")
                .contains("href=\"/exercise?id=01_basics%2F02_conditions#task\"")
                .contains("href=\"/file?path=content%2F01_basics%2F01_hello%2Fdata.csv\"")
                .contains("href=\"#\">out</a>")
                .contains("rel=\"noopener noreferrer\" href=\"https://example.org\"");
    }

    @Test
    @DisplayName("code blocks are coloured on the server: keywords, strings, comments and numbers, all escaped")
    void highlightedCode() {
        String out = html("```java\nint n = 42; // the answer\nString s = \"<b>\";\n```\n");
        assertThat(out).contains("<span class=\"hl-k\">int</span>").contains("<span class=\"hl-n\">42</span>")
                .contains("<span class=\"hl-c\">// the answer</span>")
                .contains("<span class=\"hl-s\">&quot;&lt;b&gt;&quot;</span>");
        assertThat(CodeHighlighter.html("if x: # <x>", "python")).isEqualTo(
                "<span class=\"hl-k\">if</span> x: <span class=\"hl-c\"># &lt;x&gt;</span>");
        assertThat(CodeHighlighter.html("<unknown>", "cobol")).isEqualTo("&lt;unknown&gt;");
    }
}
