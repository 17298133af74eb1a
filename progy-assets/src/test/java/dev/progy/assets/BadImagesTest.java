package dev.progy.assets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Images that cannot or should not be converted: each is kept with a clear note, and the run goes on. */
class BadImagesTest {

    @TempDir
    Path tmp;

    private Path course;
    private OptimizationReport report;

    @BeforeEach
    void optimizeACourseOfBadImages() throws IOException {
        course = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(course.resolve("course.json"), "{\"id\": \"bad\", \"name\": \"Bad\", \"runners\": [{\"id\": \"sh\"}]}\n");
        Path assets = course.resolve("assets");
        Path good = TestImages.png(assets.resolve("good.png"), TestImages.screenshot(400, 300, 7));
        TestImages.truncated(assets.resolve("truncated.png"), good, 0.5);
        Path photo = TestImages.jpeg(tmp.resolve("photo.jpg"), TestImages.photo(400, 300, 8));
        TestImages.truncated(assets.resolve("truncated.jpg"), photo, 0.4);
        Files.write(assets.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                'I', 'H', 'D', 'X', 1, 2, 3, 4, 5, 6, 7, 8});
        Files.writeString(assets.resolve("notes.jpg"), "this is text, whatever its name says\n");
        Files.copy(photo, assets.resolve("lying.png"));
        TestImages.cmykJpeg(assets.resolve("print.jpg"), 200, 150);
        TestImages.png16(assets.resolve("deep.png"), 300, 200);
        TestImages.animatedGif(assets.resolve("spinner.gif"), 3);
        Files.writeString(assets.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n");
        TestImages.forgedPngHeader(assets.resolve("bomb.png"), 50_000, 50_000);
        report = AssetOptimizer.optimize(course, AssetOptions.defaults());
    }

    private ImageResult result(String name) {
        return report.images().stream().filter(i -> i.path().equals("assets/" + name)).findFirst().orElseThrow();
    }

    private void keptBecause(String name, String... words) {
        ImageResult r = result(name);
        assertThat(r.outcome()).as(name).isEqualTo(ImageResult.Outcome.KEPT);
        assertThat(r.keptReason()).as(name).contains(words);
        assertThat(course.resolve("assets/" + name)).as(name + " is still there").exists();
        assertThat(r.webp()).isEmpty();
    }

    @Test
    @DisplayName("the good image among them is converted all the same")
    void goodOneConverted() {
        assertThat(result("good.png").outcome()).isEqualTo(ImageResult.Outcome.CONVERTED);
        assertThat(report.images()).hasSize(11);
    }

    @Test
    @DisplayName("truncated and corrupt files are kept and said to be damaged")
    void damaged() {
        keptBecause("truncated.png", "damaged");
        keptBecause("truncated.jpg", "damaged or truncated");
        keptBecause("corrupt.png", "damaged");
    }

    @Test
    @DisplayName("a file whose extension lies is judged by its content: text is kept, a JPEG named .png is converted")
    void lyingExtensions() {
        keptBecause("notes.jpg", "not an image this pipeline can read", "named .jpg");
        ImageResult lying = result("lying.png");
        assertThat(lying.outcome()).isEqualTo(ImageResult.Outcome.CONVERTED);
        assertThat(lying.encoding()).isEqualTo("lossy");
        assertThat(lying.notes()).contains("is a JPEG file named .png; converted by its content");
    }

    @Test
    @DisplayName("a CMYK JPEG is kept, with how to have it converted")
    void cmyk() {
        keptBecause("print.jpg", "CMYK JPEG", "export it as RGB");
    }

    @Test
    @DisplayName("a 16-bit PNG is converted to 8 bits per channel, and the note says so")
    void sixteenBit() {
        ImageResult deep = result("deep.png");
        assertThat(deep.outcome()).isEqualTo(ImageResult.Outcome.CONVERTED);
        assertThat(deep.notes()).anySatisfy(n -> assertThat(n).contains("16 bits per channel; reduced to 8"));
    }

    @Test
    @DisplayName("an animated GIF and an SVG are left as they are")
    void animatedAndVector() {
        keptBecause("spinner.gif", "animated GIF (3 frames)");
        keptBecause("logo.svg", "SVG");
    }

    @Test
    @DisplayName("a 50 000 × 50 000 header is refused before any pixel is decoded")
    void decompressionBomb() {
        keptBecause("bomb.png", "50000 × 50000", "2500.0 megapixels", "limit of 40", "decompression bombs");
    }
}
