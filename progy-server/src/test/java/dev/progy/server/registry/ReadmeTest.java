package dev.progy.server.registry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A course's README on its page: Markdown rendered, nothing in it able to run or load anything; and the chart. */
@DisplayName("A course page's README and download chart")
class ReadmeTest {

    @Test
    @DisplayName("raw HTML is shown as text, never as markup: no script, no event handler, no iframe")
    void rawHtmlEscaped() {
        String html = Readme.render("# Title\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> "
                + "and <iframe src=\"https://evil.example\"></iframe>\n");
        assertThat(html).contains("<h3>Title</h3>").doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("<iframe").contains("&lt;script&gt;");
    }

    @Test
    @DisplayName("a web link keeps its address (nofollow); a javascript: link and a link to a file of the course "
            + "become their text; an image becomes its description")
    void linksAndImages() {
        String html = Readme.render("[site](https://example.org/a) [bad](javascript:alert(1)) [setup](SETUP.md) "
                + "![a diagram of the loop](assets/loop.png) ![](https://tracker.example/p.gif)\n");
        assertThat(html).contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://example.org/a\">site</a>")
                .doesNotContain("javascript:").doesNotContain("SETUP.md").contains("bad").contains("setup")
                .doesNotContain("<img").contains("(image: a diagram of the loop)").contains("(an image)")
                .doesNotContain("tracker.example");
    }

    @Test
    @DisplayName("a table written as GitHub writes them is shown as a table")
    void tables() {
        assertThat(Readme.render("| module | exercises |\n|---|---|\n| 01_basics | hello |\n"))
                .contains("<table>").contains("<th>module</th>").contains("<td>01_basics</td>");
    }

    @Test
    @DisplayName("the README is the archive's top-level README.md, not an exercise's")
    void topLevelReadmeOnly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("content/01_a/01_b/README.md"));
            zip.write("# exercise\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("README.md"));
            zip.write("# course\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Readme.readmeOf(new ByteArrayInputStream(bytes.toByteArray()))).hasValue("# course\n");
        assertThat(Readme.readmeOf(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    @DisplayName("the chart has one bar a day, a title and a description in words, and escapes the course's name")
    void chart() {
        String svg = DownloadChart.svg("@a/<b>", List.of(new DownloadChart.Day("2026-12-01", 0),
                new DownloadChart.Day("2026-12-02", 4), new DownloadChart.Day("2026-12-03", 2)));
        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("<title id=\"chart-title\">")
                .contains("@a/&lt;b&gt;").doesNotContain("<b>")
                .contains("6 downloads in all from 2026-12-01 to 2026-12-03; the most in one day: 4");
        assertThat(svg.split("<rect", -1)).hasSize(4);
        assertThat(DownloadChart.svg("@a/b", List.of())).contains("0 downloads in all");
    }
}
