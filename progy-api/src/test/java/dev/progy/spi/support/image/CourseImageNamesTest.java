package dev.progy.spi.support.image;

import dev.progy.error.UnsafePathException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How container runners name the images they build, and what the name's hash covers. */
class CourseImageNamesTest {

    @TempDir
    Path course;

    @Test
    @DisplayName("a course's image lives in progy/, named from a cleaned course id and the context hash")
    void courseImageName() {
        assertThat(CourseImageNames.courseImage("Intro to Rust/../v2", "0123456789abcdef"))
                .isEqualTo("progy/intro-to-rust-v2:0123456789ab");
        assertThat(CourseImageNames.courseImage("__", "0123456789abcdef")).isEqualTo("progy/course:0123456789ab");
        assertThat(CourseImageNames.courseImage("library/ubuntu", "0123456789abcdef")).startsWith("progy/");
    }

    @Test
    @DisplayName("a service image changes with its Dockerfile, build arguments and target, not with their order")
    void serviceImageName() {
        String base = CourseImageNames.serviceImage("shop", "db", "a".repeat(64), "Dockerfile",
                Map.of("A", "1", "B", "2"), Optional.empty());
        assertThat(base).startsWith("progy/shop-db:");
        assertThat(CourseImageNames.serviceImage("shop", "db", "a".repeat(64), "Dockerfile",
                new TreeMap<>(Map.of("B", "2", "A", "1")), Optional.empty())).isEqualTo(base);
        assertThat(CourseImageNames.serviceImage("shop", "db", "a".repeat(64), "db/Dockerfile",
                Map.of("A", "1", "B", "2"), Optional.empty())).isNotEqualTo(base);
        assertThat(CourseImageNames.serviceImage("shop", "db", "a".repeat(64), "Dockerfile",
                Map.of("A", "1", "B", "3"), Optional.empty())).isNotEqualTo(base);
        assertThat(CourseImageNames.serviceImage("shop", "db", "a".repeat(64), "Dockerfile",
                Map.of("A", "1", "B", "2"), Optional.of("test"))).isNotEqualTo(base);
    }

    @Test
    @DisplayName("the build context's hash follows the files' content, not Progy's state, version control or packages")
    void contextHash() throws IOException {
        Files.writeString(course.resolve("Dockerfile"), "FROM progy/busybox:test\n");
        Files.writeString(course.resolve("check.sh"), "exit 0\n");
        String first = BuildContext.of(course).hash();
        Files.createDirectories(course.resolve(".progy"));
        Files.writeString(course.resolve(".progy/workspace.json"), "{}\n");
        Files.createDirectories(course.resolve(".git"));
        Files.writeString(course.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(course.resolve("node_modules/x"));
        Files.writeString(course.resolve("node_modules/x/index.js"), "\n");
        assertThat(BuildContext.of(course).hash()).isEqualTo(first);
        Files.writeString(course.resolve("check.sh"), "exit 1\n");
        assertThat(BuildContext.of(course).hash()).isNotEqualTo(first);

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        BuildContext.of(course).writeTar(tar);
        String listing = tar.toString(StandardCharsets.ISO_8859_1);
        assertThat(listing).contains("Dockerfile", "check.sh").doesNotContain("workspace.json", "index.js");
    }

    @Test
    @DisplayName("a Dockerfile outside the course folder is refused")
    void dockerfileOutsideRefused() {
        assertThatThrownBy(() -> BuildContext.dockerfile(course, "../Dockerfile")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> BuildContext.dockerfile(course, "/etc/Dockerfile")).isInstanceOf(UnsafePathException.class);
        assertThat(BuildContext.dockerfile(course, "docker/Dockerfile")).isEqualTo(course.resolve("docker/Dockerfile"));
    }
}
