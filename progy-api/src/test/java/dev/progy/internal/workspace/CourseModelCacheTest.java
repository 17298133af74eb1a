package dev.progy.internal.workspace;

import dev.progy.internal.course.CourseReader;
import dev.progy.model.Course;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CourseModelCacheTest {

    @TempDir
    Path tmp;

    /** Both sample courses: every field of the model (quizzes, hints, prerequisites, limits) is exercised. */
    private Path copyOf(String example) throws IOException {
        Path source = Path.of("..", "examples", example).toAbsolutePath().normalize();
        Path target = tmp.resolve(example);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    @Test
    @DisplayName("the cached model equals the model read from the course files, for both sample courses")
    void roundTrip() throws IOException {
        for (String example : new String[] {"java-basics", "python-original"}) {
            Path course = copyOf(example);
            Path state = Files.createDirectories(tmp.resolve(example + "-state"));
            Course read = CourseReader.read(course);
            CourseModelCache.write(state, course, read);
            assertThat(CourseModelCache.read(state, course)).contains(read);
        }
    }

    @Test
    @DisplayName("a change to any course file, or a damaged cache, makes the cache be ignored")
    void staleOrDamagedCacheIsIgnored() throws IOException {
        Path course = copyOf("python-original");
        Path state = Files.createDirectories(tmp.resolve("state"));
        CourseModelCache.write(state, course, CourseReader.read(course));
        assertThat(CourseModelCache.read(state, course)).isPresent();

        Path info = course.resolve("content/01_basics/info.toml");
        Files.writeString(info, Files.readString(info) + "\n# edited\n");
        assertThat(CourseModelCache.read(state, course)).isEmpty();

        CourseModelCache.write(state, course, CourseReader.read(course));
        byte[] bytes = Files.readAllBytes(state.resolve(CourseModelCache.FILE));
        Files.write(state.resolve(CourseModelCache.FILE), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(CourseModelCache.read(state, course)).isEmpty();
    }
}
