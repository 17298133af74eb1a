package dev.progy.guard.markdown;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown rules: every relative link and image leads somewhere, on the line it is written. */
class MarkdownChecksTest {

    @TempDir
    Path course;

    @Test
    @DisplayName("broken links and images, missing anchors and big images are found on their lines; the rest is left alone")
    void links() throws IOException {
        Path ex = Files.createDirectories(course.resolve("content/01_m/01_e"));
        Files.createDirectories(course.resolve("assets"));
        Files.write(course.resolve("assets/shot.png"), new byte[100]);
        Files.write(course.resolve("assets/huge.png"), new byte[(int) MarkdownChecks.MAX_IMAGE_BYTES + 1]);
        Files.writeString(course.resolve("SETUP.md"), "# Setup\n\n## Install Java 17\n\n## Install Java 17\n");
        Files.writeString(ex.resolve("README.md"), """
                # Hello, world!

                See [the setup](../../../SETUP.md#install-java-17) and [again](../../../SETUP.md#install-java-17-1).
                ![screenshot](../../../assets/shot.png)
                ![missing](../../../assets/nope.png)
                A [broken link](notes.md) and [a wrong anchor](../../../SETUP.md#install-python).
                [Up here](#hello-world) [and nowhere](#goodbye)
                [Outside](../../../../etc/passwd) ![big](/assets/huge.png)
                [Web](https://example.com/x.md) [mail](mailto:a@b.c)

                ```
                [in code](missing.md)
                ```
                """);
        assertThat(MarkdownChecks.check(course)).extracting(f -> f.rule().id() + " " + f.location()).containsExactlyInAnyOrder(
                "PG-M001 content/01_m/01_e/README.md:5",
                "PG-M001 content/01_m/01_e/README.md:6",
                "PG-M002 content/01_m/01_e/README.md:6",
                "PG-M002 content/01_m/01_e/README.md:7",
                "PG-M001 content/01_m/01_e/README.md:8",
                "PG-M003 content/01_m/01_e/README.md:8");
    }

    @Test
    @DisplayName("external links are listed with their file and line; links in code, mailto and relative links are not")
    void externalLinks() throws IOException {
        Files.createDirectories(course.resolve("content/01_m"));
        Files.writeString(course.resolve("content/01_m/README.md"), """
                # Module

                Read [the docs](https://docs.example.org/intro#start) and
                ![a diagram](HTTP://img.example.org/d.png "title").
                [local](../../SETUP.md) [mail](mailto:a@b.c) [ftp](ftp://files.example.org/x)
                `[in a span](https://span.example.org)`

                    [indented code](https://indented.example.org)

                ```
                [fenced](https://fenced.example.org)
                ```
                [ref][site] <https://auto.example.org/>

                [site]: http://ref.example.org/page
                """);
        assertThat(MarkdownChecks.externalLinks(course)).containsExactly(
                new MarkdownChecks.ExternalLink("content/01_m/README.md", 3, "https://docs.example.org/intro#start"),
                new MarkdownChecks.ExternalLink("content/01_m/README.md", 4, "HTTP://img.example.org/d.png"),
                new MarkdownChecks.ExternalLink("content/01_m/README.md", 13, "http://ref.example.org/page"),
                new MarkdownChecks.ExternalLink("content/01_m/README.md", 13, "https://auto.example.org/"));
    }

    @Test
    @DisplayName("heading anchors follow GitHub's slugs, repeats numbered")
    void anchors() throws IOException {
        Path md = course.resolve("a.md");
        Files.writeString(md, "# Hello, World!\n## `code` and _more_\n## Hello, World!\n");
        assertThat(MarkdownChecks.anchorsOf(md)).containsExactlyInAnyOrder("hello-world", "code-and-more", "hello-world-1");
    }
}
