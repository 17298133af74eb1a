package dev.progy.testkit;

import dev.progy.CourseArchive;
import dev.progy.error.ProgyException;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Registry} does, whatever stores the archives. Extend it, return a fresh, empty registry
 * from {@link #registry()}, and add tests for what only your backend does.
 */
public abstract class RegistryContract {

    @TempDir
    Path scratch;
    private Registry registry;

    /** A fresh, empty registry; called once per test, closed after it. */
    protected abstract Registry registry();

    /**
     * The name the tests publish a course they call {@code plain} under ({@code sample-course}, {@code zebra-course});
     * a registry whose names all carry a scope returns e.g. {@code @tester/sample-course}. Names that have a scope
     * already ({@code @school/algebra}) are used as they are.
     */
    protected String courseName(String plain) {
        return plain;
    }

    @BeforeEach
    void openRegistry() {
        registry = registry();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    /**
     * Packs a tiny generated course (course.json and one module with one exercise) with this id and version;
     * {@code marker} goes into its README so that two archives of the same version can differ.
     */
    protected Path sampleArchive(String id, String version, String marker) {
        try {
            Path course = Files.createTempDirectory(scratch, "course-");
            Files.writeString(course.resolve("course.json"), """
                    {"id": "%s", "name": "Sample course", "version": "%s",
                     "runners": [{"id": "python", "command": "python3", "args": ["{{exercise}}"]}]}
                    """.formatted(id, version));
            Path exercise = Files.createDirectories(course.resolve("content/01_basics/01_hello"));
            Files.writeString(course.resolve("content/01_basics/info.toml"), "[module]\ntitle = \"Basics\"\n");
            Files.writeString(exercise.resolve("README.md"), "# Hello\n\n" + marker + "\n");
            Files.writeString(exercise.resolve("exercise.py"), "print('hello')\n");
            Path archive = scratch.resolve(id.replace('/', '+') + "-" + version + "-" + marker.hashCode() + ".progy");
            CourseArchive.pack(course, archive);
            return archive;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #sampleArchive(String, String, String)} with a fixed marker. */
    protected Path sampleArchive(String id, String version) {
        return sampleArchive(id, version, "first edition");
    }

    /** A folder for downloads, fresh for each call. */
    protected Path downloadFolder() {
        try {
            return Files.createTempDirectory(scratch, "download-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a published course is listed, with its versions, its latest and a chosen version")
    void publishThenFind() {
        Path archive = sampleArchive(courseName("sample-course"), "1.0.0");

        RegistryEntry entry = registry.publish(archive);

        // what a registry adds (whether it ran the course) is its own; the rest is the same everywhere
        assertThat(entry).extracting(RegistryEntry::name, RegistryEntry::version, RegistryEntry::sha256,
                RegistryEntry::size, RegistryEntry::yanked)
                .containsExactly(courseName("sample-course"), "1.0.0", CourseArchive.sha256(archive), size(archive),
                        false);
        assertThat(registry.list()).containsExactly(entry);
        assertThat(registry.versions(courseName("sample-course"))).containsExactly(entry);
        assertThat(registry.find(courseName("sample-course"))).contains(entry);
        assertThat(registry.find(courseName("sample-course"), "1.0.0")).contains(entry);
        assertThat(registry.find(courseName("sample-course"), "2.0.0")).isEmpty();
    }

    @Test
    @DisplayName("a downloaded archive is byte for byte the one published")
    void downloadIsIdentical() throws IOException {
        Path archive = sampleArchive(courseName("sample-course"), "1.0.0");
        RegistryEntry entry = registry.publish(archive);

        Path downloaded = registry.download(entry, downloadFolder());

        assertThat(downloaded).hasSameBinaryContentAs(archive);
        assertThat(CourseArchive.sha256(downloaded)).isEqualTo(entry.sha256());
    }

    @Test
    @DisplayName("publishing a version again is refused, and the first stays as it was")
    void versionsAreImmutable() {
        Path first = sampleArchive(courseName("sample-course"), "1.0.0", "first edition");
        RegistryEntry published = registry.publish(first);
        Path changed = sampleArchive(courseName("sample-course"), "1.0.0", "sneaky edit");

        assertThatThrownBy(() -> registry.publish(changed))
                .isInstanceOf(ProgyException.class).hasMessageContaining("1.0.0").hasMessageContaining("already published");
        assertThat(registry.versions(courseName("sample-course"))).containsExactly(published);
        assertThat(registry.download(published, downloadFolder())).hasSameBinaryContentAs(first);
    }

    @Test
    @DisplayName("versions are ordered by semantic version, not as text, and the newest is found by default")
    void semverOrder() {
        for (String v : List.of("1.10.0", "1.2.0", "1.10.0-rc.1", "1.9.0")) {
            registry.publish(sampleArchive(courseName("sample-course"), v));
        }

        assertThat(registry.versions(courseName("sample-course"))).extracting(RegistryEntry::version)
                .containsExactly("1.2.0", "1.9.0", "1.10.0-rc.1", "1.10.0");
        assertThat(registry.find(courseName("sample-course"))).map(RegistryEntry::version)
                .contains("1.10.0");
    }

    @Test
    @DisplayName("lists every course sorted by name, scoped names included as they were written")
    void listsAllCourses() {
        registry.publish(sampleArchive(courseName("zebra-course"), "1.0.0"));
        registry.publish(sampleArchive("@school/algebra", "2.0.0"));
        registry.publish(sampleArchive("@school/algebra", "1.0.0"));

        assertThat(registry.list()).extracting(e -> e.name() + "@" + e.version())
                .containsExactly("@school/algebra@1.0.0", "@school/algebra@2.0.0", courseName("zebra-course") + "@1.0.0");
        assertThat(registry.find("@school/algebra")).map(RegistryEntry::version).contains("2.0.0");
    }

    @Test
    @DisplayName("an unknown course has no versions and is not found")
    void unknownName() {
        registry.publish(sampleArchive(courseName("sample-course"), "1.0.0"));

        assertThat(registry.versions(courseName("no-such-course"))).isEmpty();
        assertThat(registry.find(courseName("no-such-course"))).isEmpty();
        assertThat(registry.versions("../sample-course")).isEmpty();
    }

    @Test
    @DisplayName("a course whose id could escape the registry, or whose version is not semver, is refused")
    void badNamesAndVersions() {
        assertThatThrownBy(() -> registry.publish(sampleArchive("../../evil", "1.0.0")))
                .isInstanceOf(ProgyException.class).hasMessageContaining("../../evil");
        assertThatThrownBy(() -> registry.publish(sampleArchive(courseName("sample-course"), "one")))
                .isInstanceOf(ProgyException.class).hasMessageContaining("'one'").hasMessageContaining("semantic version");
        assertThat(registry.list()).isEmpty();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
