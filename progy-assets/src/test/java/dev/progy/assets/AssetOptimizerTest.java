package dev.progy.assets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A course's images optimized the way an author runs {@code progy optimize}. */
class AssetOptimizerTest {

    @TempDir
    Path tmp;

    private static ImageResult result(OptimizationReport report, String path) {
        return report.images().stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("PNG screenshots and JPEG photos become smaller WebP files named after their content")
    void converts() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.defaults());

        assertThat(report.images()).extracting(ImageResult::path)
                .containsExactly("assets/cover.jpg", "assets/diagram.png", "assets/photo.jpg", "assets/screen.png");
        ImageResult diagram = result(report, "assets/diagram.png");
        assertThat(diagram.outcome()).isEqualTo(ImageResult.Outcome.CONVERTED);
        assertThat(diagram.encoding()).isEqualTo("lossless");
        assertThat(diagram.webp()).get().asString().matches("assets/diagram\\.[0-9a-f]{8}\\.webp");
        assertThat(result(report, "assets/photo.jpg").encoding()).isEqualTo("lossy");
        for (ImageResult r : report.images()) {
            assertThat(r.bytesAfter()).as(r.path()).isLessThanOrEqualTo((long) (r.bytesBefore() * 0.9));
            BufferedImage webp = ImageIO.read(course.resolve(r.webp().orElseThrow()).toFile());
            BufferedImage original = ImageIO.read(course.resolve(r.path()).toFile().exists()
                    ? course.resolve(r.path()).toFile() : course.resolve(r.webp().get()).toFile());
            assertThat(webp.getWidth()).isEqualTo(original.getWidth());
        }
        assertThat(report.bytesAfter()).isLessThan(report.bytesBefore());
        assertThat(course.resolve(".progy")).as("the staging folder is gone").doesNotExist();
    }

    @Test
    @DisplayName("a lossless WebP holds exactly the screenshot's pixels")
    void losslessIsExact() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        BufferedImage before = ImageIO.read(course.resolve("assets/diagram.png").toFile());
        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.defaults());
        BufferedImage after = ImageIO.read(course.resolve(result(report, "assets/diagram.png").webp().get()).toFile());
        for (int y = 0; y < before.getHeight(); y += 7) {
            for (int x = 0; x < before.getWidth(); x += 5) {
                assertThat(after.getRGB(x, y)).isEqualTo(before.getRGB(x, y));
            }
        }
    }

    @Test
    @DisplayName("only the image references' extensions change: every other byte of Markdown and JSON stays identical")
    void rewritesOnlyReferences() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        Map<String, String> before = Map.of(
                "course.json", SampleCourse.text(course.resolve("course.json")),
                "SETUP.md", SampleCourse.text(course.resolve("SETUP.md")),
                "README.md", SampleCourse.text(course.resolve("README.md")),
                "content/01_basics/01_hello/README.md", SampleCourse.text(course.resolve("content/01_basics/01_hello/README.md")),
                "content/01_basics/01_hello/quiz.json", SampleCourse.text(course.resolve("content/01_basics/01_hello/quiz.json")));

        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.defaults());

        assertThat(report.rewrittenFiles()).containsExactlyInAnyOrderElementsOf(before.keySet());
        Pattern hashed = Pattern.compile("([\\w-]+)\\.([0-9a-f]{8})\\.webp");
        for (Map.Entry<String, String> e : before.entrySet()) {
            String after = SampleCourse.text(course.resolve(e.getKey()));
            // put each original extension back where a hashed name now stands: the result must be the old bytes
            Matcher m = hashed.matcher(after);
            StringBuilder restored = new StringBuilder();
            while (m.find()) {
                String stem = m.group(1);
                String ext = report.images().stream().filter(i -> i.webp().map(w -> w.endsWith(m.group(0))).orElse(false))
                        .map(i -> i.path().substring(i.path().lastIndexOf('.'))).findFirst().orElseThrow();
                m.appendReplacement(restored, stem + ext);
            }
            m.appendTail(restored);
            assertThat(restored.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .as(e.getKey()).isEqualTo(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String readme = SampleCourse.text(course.resolve("content/01_basics/01_hello/README.md"));
        assertThat(readme).as("code span, code block, plain link and external URL are left alone")
                .contains("`![x](../../../assets/diagram.png)`", "```markdown\n![the flow](../../../assets/diagram.png)\n```",
                        "[Download the full-size screenshot](../../../assets/screen.png)", "https://example.com/remote.png");
        assertThat(readme).containsPattern("!\\[the flow]\\(\\.\\./\\.\\./\\.\\./assets/diagram\\.[0-9a-f]{8}\\.webp \"How it flows\"\\)")
                .containsPattern("<img src=\"\\.\\./\\.\\./\\.\\./assets/photo\\.[0-9a-f]{8}\\.webp\" width=\"200\">")
                .containsPattern("!\\[screen]\\(<\\.\\./\\.\\./\\.\\./assets/screen\\.[0-9a-f]{8}\\.webp>\\)")
                .containsPattern("\\[photo]: \\.\\./\\.\\./\\.\\./assets/photo\\.[0-9a-f]{8}\\.webp \"A photo\"");
        assertThat(SampleCourse.text(course.resolve("content/01_basics/01_hello/quiz.json")))
                .containsPattern("assets\\\\/diagram\\.[0-9a-f]{8}\\.webp\\)\"");
        assertThat(SampleCourse.text(course.resolve("course.json"))).containsPattern("\"coverImage\": \"assets/cover\\.[0-9a-f]{8}\\.webp\"");
    }

    @Test
    @DisplayName("an original named nowhere any more is removed; one still named by a link or code stays")
    void removesOnlyUnnamedOriginals() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.defaults());

        assertThat(report.removedOriginals()).containsExactly("assets/cover.jpg", "assets/photo.jpg");
        assertThat(course.resolve("assets/cover.jpg")).doesNotExist();
        assertThat(course.resolve("assets/screen.png")).as("a plain link downloads it").exists();
        assertThat(course.resolve("assets/diagram.png")).as("a code block shows its path").exists();
        assertThat(result(report, "assets/screen.png").notes())
                .contains("the original stays too: content/01_basics/01_hello/README.md still names it");
    }

    @Test
    @DisplayName("a second run over its own output changes nothing")
    void idempotent() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        AssetOptimizer.optimize(course, AssetOptions.defaults());
        Map<String, String> once = SampleCourse.fingerprint(course);

        OptimizationReport again = AssetOptimizer.optimize(course, AssetOptions.defaults());

        assertThat(SampleCourse.fingerprint(course)).isEqualTo(once);
        assertThat(again.converted()).isZero();
        assertThat(again.rewrittenFiles()).isEmpty();
        assertThat(again.images()).allSatisfy(i -> assertThat(i.outcome()).isEqualTo(ImageResult.Outcome.UNCHANGED));
    }

    @Test
    @DisplayName("-o writes the optimized course to a new folder and leaves the source as it was")
    void outputFolder() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        Map<String, String> source = SampleCourse.fingerprint(course);
        Path out = tmp.resolve("out");

        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.builder().output(out).build());

        assertThat(SampleCourse.fingerprint(course)).isEqualTo(source);
        assertThat(out.resolve(result(report, "assets/photo.jpg").webp().get())).exists();
        assertThat(out.resolve("assets/photo.jpg")).doesNotExist();
        assertThat(out.resolve("content/01_basics/01_hello/exercise.sh")).hasContent("exit 1");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("course", "out");
        }
    }

    @Test
    @DisplayName("an output inside the course, or one that already holds files, is refused with a way out")
    void refusesBadOutputs() throws IOException {
        Path course = SampleCourse.create(tmp.resolve("course"));
        Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(tmp.resolve("taken/x"), "x");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.progy.error.ProgyException.class,
                () -> AssetOptimizer.optimize(course, AssetOptions.builder().output(course.resolve("out")).build())))
                .hasMessageContaining("inside the course").extracting(dev.progy.error.ProgyException::fixHint).asString()
                .contains("outside");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.progy.error.ProgyException.class,
                () -> AssetOptimizer.optimize(course, AssetOptions.builder().output(tmp.resolve("taken")).build())))
                .hasMessageContaining("not empty");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.progy.error.ProgyException.class,
                () -> AssetOptimizer.optimize(tmp.resolve("nope"), AssetOptions.defaults())))
                .hasMessageContaining("no course folder or .progy archive");
    }

    @Test
    @DisplayName("one worker and two workers produce the same course")
    void workersAgree() throws IOException {
        Path a = SampleCourse.create(tmp.resolve("a"));
        Path b = SampleCourse.create(tmp.resolve("b"));
        AssetOptimizer.optimize(a, AssetOptions.builder().workers(1).build());
        AssetOptimizer.optimize(b, AssetOptions.builder().workers(2).build());
        assertThat(SampleCourse.fingerprint(b)).isEqualTo(SampleCourse.fingerprint(a));
    }
}
