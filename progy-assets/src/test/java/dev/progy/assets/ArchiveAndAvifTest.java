package dev.progy.assets;

import dev.progy.CourseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A packed course optimized as it is, and AVIF written beside the WebP when avifenc is there. */
class ArchiveAndAvifTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a .progy archive is optimized into a new archive, repacked the same way every time")
    void archive() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        Path archive = tmp.resolve("images.progy");
        CourseArchive.pack(course, archive);
        byte[] original = Files.readAllBytes(archive);

        OptimizationReport first = AssetOptimizer.optimize(archive, AssetOptions.builder().output(tmp.resolve("a.progy")).build());
        AssetOptimizer.optimize(archive, AssetOptions.builder().output(tmp.resolve("b.progy")).workers(1).build());

        assertThat(Files.readAllBytes(archive)).as("the source archive is untouched").isEqualTo(original);
        assertThat(Files.readAllBytes(tmp.resolve("a.progy"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.progy")));
        assertThat(Files.size(tmp.resolve("a.progy"))).isLessThan(original.length);
        Path unpacked = tmp.resolve("unpacked");
        CourseArchive.unpack(tmp.resolve("a.progy"), unpacked);
        assertThat(unpacked.resolve(first.images().get(0).webp().orElseThrow())).exists();
        assertThat(SampleCourse.text(unpacked.resolve("course.json"))).contains(first.images().get(0).webp().get());
    }

    @Test
    @DisplayName("without an output an archive is replaced by its optimized version, and a second run keeps its bytes")
    void archiveInPlace() throws IOException {
        Path archive = tmp.resolve("images.progy");
        CourseArchive.pack(SampleCourse.create(tmp.resolve("course")), archive);
        long before = Files.size(archive);

        AssetOptimizer.optimize(archive, AssetOptions.defaults());
        byte[] once = Files.readAllBytes(archive);
        AssetOptimizer.optimize(archive, AssetOptions.defaults());

        assertThat(once.length).isLessThan((int) before);
        assertThat(Files.readAllBytes(archive)).isEqualTo(once);
    }

    @Test
    @DisplayName("with AVIF asked for and avifenc installed, an AVIF smaller than the WebP sits beside it; Markdown keeps the WebP")
    void avif() throws IOException {
        boolean installed = AvifTool.onPath(System.getenv("PATH")).isPresent();
        // CI installs avifenc and sets PROGY_REQUIRE_TOOLS, so there a missing tool fails instead of skipping
        assertThat(installed || System.getenv("PROGY_REQUIRE_TOOLS") == null)
                .as("avifenc must be installed when PROGY_REQUIRE_TOOLS is set (Debian: libavif-bin)").isTrue();
        assumeTrue(installed, "avifenc is not installed (Debian: libavif-bin)");
        Path course = SampleCourse.create(tmp.resolve("course"));

        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.builder().avif(true).build());

        ImageResult photo = report.images().stream().filter(i -> i.path().equals("assets/photo.jpg")).findFirst().orElseThrow();
        assertThat(photo.avif()).as(photo.toString()).isPresent();
        String webp = photo.webp().orElseThrow();
        assertThat(photo.avif().get()).isEqualTo(webp.replace(".webp", ".avif"));
        assertThat(Files.size(course.resolve(photo.avif().get()))).isLessThan(Files.size(course.resolve(webp)));
        assertThat(Files.readAllBytes(course.resolve(photo.avif().get()))).startsWith(0, 0, 0);
        assertThat(SampleCourse.text(course.resolve("content/01_basics/01_hello/README.md")))
                .contains(webp.substring("assets/".length())).doesNotContain(".avif");
        for (ImageResult r : report.images()) {
            assertThat(r.avif().isPresent() || r.notes().stream().anyMatch(n -> n.startsWith("no AVIF: it would not be smaller")))
                    .as(r.toString()).isTrue();
        }
    }
}
