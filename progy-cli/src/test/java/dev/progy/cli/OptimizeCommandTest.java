package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.CourseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy optimize} and {@code progy pack --optimize} as an author runs them. */
class OptimizeCommandTest {

    @TempDir
    Path tmp;

    private Path course() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "pics", "name": "Pics", "runners": [{"id": "sh", "command": "sh", "args": ["{{exercise}}"]}]}
                """);
        Path ex = Files.createDirectories(c.resolve("content/01_m/01_e"));
        Files.writeString(ex.resolve("README.md"), "# E\n\n![diagram](../../../assets/diagram.png)\n\n![photo](../../../assets/photo.jpg)\n");
        Files.writeString(ex.resolve("exercise.sh"), "exit 1\n");
        Files.createDirectories(c.resolve("assets"));
        BufferedImage diagram = new BufferedImage(500, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = diagram.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 500, 300);
        g.setColor(Color.BLUE);
        g.fillRect(40, 40, 120, 60);
        g.drawString("start → end", 200, 150);
        g.dispose();
        ImageIO.write(diagram, "png", c.resolve("assets/diagram.png").toFile());
        BufferedImage photo = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int v = (int) (120 + 80 * Math.sin(x / 40.0 + y / 60.0)) + r.nextInt(12);
                photo.setRGB(x, y, v << 16 | (v * 3 / 4) << 8 | (255 - v));
            }
        }
        ImageIO.write(photo, "jpeg", c.resolve("assets/photo.jpg").toFile());
        Files.writeString(c.resolve("assets/broken.png"), "not a picture");
        return c;
    }

    @Test
    @DisplayName("optimize prints each image's sizes and the total, and says why a bad image was kept")
    void text() throws IOException {
        course();
        CliHarness.Result r = new CliHarness(tmp).run("optimize", "course", "-o", "out", "--no-color");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("✓ assets/diagram.png  .* → .* \\(-\\d+ %, lossless\\) → assets/diagram\\.[0-9a-f]{8}\\.webp")
                .contains("! assets/broken.png  kept: is not an image", "2 of 3 images converted: ",
                        "1 files rewritten, 2 originals removed");
        assertThat(Files.readString(tmp.resolve("out/content/01_m/01_e/README.md"))).containsPattern("diagram\\.[0-9a-f]{8}\\.webp");
        assertThat(tmp.resolve("course/assets/diagram.png")).as("the source is untouched").exists();
        assertThat(r.err()).as("no progress bar without a terminal").isEmpty();
    }

    @Test
    @DisplayName("--json reports every image and the totals; a terminal gets a progress bar on stderr")
    void jsonAndProgress() throws IOException {
        course();
        CliHarness cli = new CliHarness(tmp);
        cli.terminal = true;
        CliHarness.Result shown = cli.run("optimize", "course", "-o", "shown", "--no-color");
        assertThat(shown.err()).contains("] 3/3");

        JsonNode json = CliJson.parse(new CliHarness(tmp).run("optimize", "course", "--json").out());
        assertThat(json.path("converted").asInt()).isEqualTo(2);
        assertThat(json.path("bytesAfter").asLong()).isLessThan(json.path("bytesBefore").asLong());
        assertThat(json.path("images").findValuesAsText("outcome")).containsExactly("kept", "converted", "converted");
        assertThat(json.at("/images/0/keptReason").asText()).contains("not an image");
        assertThat(json.path("removedOriginals")).hasSize(2);
    }

    @Test
    @DisplayName("pack --optimize packs the course with WebP images and leaves the folder alone")
    void packOptimize() throws IOException {
        Path c = course();
        CliHarness.Result r = new CliHarness(tmp).run("pack", "course", "-o", "pics.progy", "--optimize", "--no-color");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 of 3 images converted", "✓ packed");
        CourseArchive.unpack(tmp.resolve("pics.progy"), tmp.resolve("unpacked"));
        try (var files = Files.list(tmp.resolve("unpacked/assets"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.matches("photo\\.[0-9a-f]{8}\\.webp")).noneMatch(n -> n.equals("photo.jpg"));
        }
        assertThat(c.resolve("assets/photo.jpg")).exists();
    }

    @Test
    @DisplayName("a course that is not there is a user error with exit 5")
    void missingCourse() {
        CliHarness.Result r = new CliHarness(tmp).run("optimize", "nowhere");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("error: there is no course folder or .progy archive at");
    }
}
