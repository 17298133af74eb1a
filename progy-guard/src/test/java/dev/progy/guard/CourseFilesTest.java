package dev.progy.guard;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The structure rules over a course's files: sizes, counts and binaries. */
class CourseFilesTest {

    @TempDir
    Path course;

    private List<String> found(GuardLimits limits) {
        return CourseFiles.check(course, limits).stream().map(f -> f.rule().id() + " " + f.location()).toList();
    }

    @Test
    @DisplayName("a compiled program anywhere in the course is an error; Java class files and images are not programs")
    void binaries() throws IOException {
        Files.createDirectories(course.resolve("runner"));
        Files.write(course.resolve("runner/helper"), Files.readAllBytes(Path.of("/bin/true")));
        byte[] pe = new byte[128];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[60] = 64;
        pe[64] = 'P';
        pe[65] = 'E';
        Files.write(course.resolve("setup.exe.bin"), pe);
        Files.write(course.resolve("solver.py"), new byte[] {'i', 'm', 'p', 0, 0, 1, 2});
        Files.write(course.resolve("Check.class"), new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61});
        Files.write(course.resolve("cover.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        Files.writeString(course.resolve("check.sh"), "exit 0\n");
        assertThat(found(GuardLimits.DEFAULT)).containsExactlyInAnyOrder(
                "PG-S003 runner/helper", "PG-S003 setup.exe.bin", "PG-S003 solver.py");
    }

    @Test
    @DisplayName("a file over the size limit, and a course over the file-count or total limits, are errors")
    void limits() throws IOException {
        for (int i = 0; i < 4; i++) {
            Files.writeString(course.resolve("f" + i + ".txt"), "x".repeat(300));
        }
        Files.createDirectories(course.resolve("node_modules/pkg"));
        Files.writeString(course.resolve("node_modules/pkg/index.js"), "x".repeat(5000)); // left out, like the archive does
        assertThat(found(new GuardLimits(3, 250, 1000, 10_000))).containsExactlyInAnyOrder(
                "PG-S002 f0.txt", "PG-S002 f1.txt", "PG-S002 f2.txt", "PG-S002 f3.txt", "PG-S002 .", "PG-S002 .");
        assertThat(found(GuardLimits.DEFAULT)).isEmpty();
    }
}
