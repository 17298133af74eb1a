package dev.progy.internal.registry;

import dev.progy.error.ArchiveRejectedException;
import dev.progy.CourseArchive;
import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import dev.progy.testkit.RegistryContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The directory registry")
class DirectoryRegistryTest extends RegistryContract {

    @TempDir
    Path home;

    private Path dir() {
        return home.resolve("registry");
    }

    @Override
    protected Registry registry() {
        return new DirectoryRegistryProvider().create(ProviderConfig.of(Map.of("registry.dir", dir().toString())));
    }

    @Test
    @DisplayName("is found through ServiceLoader when a registry folder is configured, under either key")
    void discovered() {
        for (String key : new String[] {"registry.dir", "progy.registry.dir"}) {
            Registry found = ProviderDiscovery.using(ProviderConfig.of(Map.of(key, dir().toString()))).registry();
            found.publish(sampleArchive("sample-course", key.length() + ".0.0"));
            assertThat(found.versions("sample-course")).isNotEmpty();
        }
    }

    @Test
    @DisplayName("without a folder is unusable, and says which setting to make")
    void unavailableWithoutFolder() {
        Availability a = new DirectoryRegistryProvider().availability(ProviderConfig.empty());

        assertThat(a.usable()).isFalse();
        assertThat(a.reason()).contains("no registry folder");
        assertThat(a.fixHint()).contains("progy.registry.dir").contains("PROGY_REGISTRY_DIR");
        assertThatThrownBy(() -> ProviderDiscovery.using(ProviderConfig.empty()).registry())
                .isInstanceOf(ProgyException.class).isNotInstanceOf(RunnerUnavailableException.class)
                .hasMessageContaining("directory")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("PROGY_REGISTRY_DIR"));
    }

    @Test
    @DisplayName("stores each version as <name>/<version>.progy with a sha256sum-style checksum beside it")
    void layout() throws IOException {
        RegistryEntry entry = registry().publish(sampleArchive("@school/algebra", "1.2.3"));

        Path folder = dir().resolve("@school+algebra");
        assertThat(folder.resolve("1.2.3.progy")).exists();
        assertThat(folder.resolve("1.2.3.progy.sha256")).hasContent(entry.sha256() + "  1.2.3.progy");
        try (var all = Files.walk(dir())) {
            assertThat(all.filter(Files::isRegularFile).map(p -> dir().relativize(p).toString()))
                    .containsExactlyInAnyOrder("@school+algebra/1.2.3.progy", "@school+algebra/1.2.3.progy.sha256");
        }
    }

    @Test
    @DisplayName("refuses to hand out an archive that was changed in the folder after publishing")
    void tamperedArchive() throws IOException {
        Registry registry = registry();
        RegistryEntry entry = registry.publish(sampleArchive("sample-course", "1.0.0"));
        Path stored = dir().resolve("sample-course/1.0.0.progy");
        Files.copy(sampleArchive("sample-course", "1.0.0", "tampered"), stored,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path downloads = downloadFolder();

        assertThatThrownBy(() -> registry.download(entry, downloads))
                .isInstanceOf(ProgyException.class).hasMessageContaining("fails its checksum");
        try (var left = Files.list(downloads)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("refuses a hostile archive before storing anything")
    void hostileArchive() throws IOException {
        Path evil = home.resolve("evil.progy");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evil))) {
            zip.putNextEntry(new ZipEntry("course.json"));
            zip.write("{\"id\": \"evil\"}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("../../outside.txt"));
            zip.write("pwned".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> registry().publish(evil))
                .isInstanceOf(ArchiveRejectedException.class).hasMessageContaining("../../outside.txt");
        assertThat(dir()).doesNotExist();
    }

    @Test
    @DisplayName("publishes a course without an id under its name, at version 1.0.0 when it has none")
    void nameAndDefaultVersion() throws IOException {
        Path course = Files.createDirectories(home.resolve("course"));
        Files.writeString(course.resolve("course.json"), "{\"name\": \"plain-course\", \"runners\": []}");
        Path archive = home.resolve("plain.progy");
        CourseArchive.pack(course, archive);

        RegistryEntry entry = registry().publish(archive);

        assertThat(entry.name()).isEqualTo("plain-course");
        assertThat(entry.version()).isEqualTo("1.0.0");
    }

    @Test
    @DisplayName("refuses an archive with no course.json, or one with neither id nor name")
    void notACourse() throws IOException {
        Path empty = home.resolve("empty.progy");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(empty))) {
            zip.putNextEntry(new ZipEntry("README.md"));
        }
        Path course = Files.createDirectories(home.resolve("course"));
        Files.writeString(course.resolve("course.json"), "{\"runners\": []}");
        Path nameless = home.resolve("nameless.progy");
        CourseArchive.pack(course, nameless);

        assertThatThrownBy(() -> registry().publish(empty))
                .isInstanceOf(ProgyException.class).hasMessageContaining("no course.json");
        assertThatThrownBy(() -> registry().publish(nameless))
                .isInstanceOf(ProgyException.class).hasMessageContaining("neither an id nor a name");
    }
}
