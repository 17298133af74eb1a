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

    @Test
    @DisplayName("a file added, removed or renamed anywhere in the course, or a same-size edit, makes the cache be ignored")
    void everyFileOfTheCourseCounts() throws IOException {
        Path course = copyOf("python-original");
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path folder = course.resolve("content/01_basics");
        java.util.List<java.util.function.Consumer<Path>> changes = java.util.List.of(
                c -> write(folder.resolve("new.txt"), "x"),
                c -> rename(folder.resolve("new.txt"), folder.resolve("other.txt")),
                c -> delete(folder.resolve("other.txt")),
                c -> touch(course.resolve("course.json")));
        for (java.util.function.Consumer<Path> change : changes) {
            CourseModelCache.write(state, course, CourseReader.read(course));
            assertThat(CourseModelCache.read(state, course)).isPresent();
            change.accept(course);
            assertThat(CourseModelCache.read(state, course)).isEmpty();
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rename(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same bytes with a later modification time. */
    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(p).toMillis() + 5_000));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
