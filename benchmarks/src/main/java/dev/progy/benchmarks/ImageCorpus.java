package dev.progy.benchmarks;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The images the image benchmarks encode, generated (fixed seeds, so every run and cwebp see the same pixels):
 * photo-like (smooth gradients and sensor-like noise) and screenshot-like (flat colours, boxes, aliased text) at
 * three sizes, as PNG; and the photos also as JPEG at quality 90, the way a camera or an export ships them.
 * {@code java -cp benchmarks.jar dev.progy.benchmarks.ImageCorpus <dir>} writes them for cwebp;
 * {@code … ImageCorpus savings <dir>} runs the pipeline on a course of the photo JPEGs and prints the bytes saved.
 */
public final class ImageCorpus {

    /** The sizes, as {@code WIDTHxHEIGHT}. */
    public static final List<String> SIZES = List.of("640x480", "1280x720", "1920x1080");

    private ImageCorpus() { }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("savings")) {
            savings(Path.of(args[1]));
        } else {
            write(Path.of(args[0]));
        }
    }

    /** The pipeline on a course holding the photo-like JPEGs: bytes before and after, and the share saved. */
    private static void savings(Path corpus) throws IOException {
        Path course = Files.createTempDirectory("progy-photo-course");
        Files.writeString(course.resolve("course.json"), "{\"id\": \"p\", \"name\": \"P\", \"runners\": [{\"id\": \"sh\"}]}\n");
        Files.createDirectories(course.resolve("assets"));
        for (String size : SIZES) {
            Files.copy(corpus.resolve("photo-" + size + ".jpg"), course.resolve("assets/photo-" + size + ".jpg"));
        }
        var report = dev.progy.assets.AssetOptimizer.optimize(course, dev.progy.assets.AssetOptions.defaults());
        for (var r : report.images()) {
            System.out.printf(java.util.Locale.ROOT, "%-24s %9d -> %9d bytes  %5.1f %% saved  %s%n", r.path(),
                    r.bytesBefore(), r.bytesAfter(), 100.0 * r.saved() / r.bytesBefore(), r.encoding());
        }
        System.out.printf(java.util.Locale.ROOT, "photo-like corpus (JPEG q90 -> WebP q80): %d -> %d bytes, %.1f %% saved%n",
                report.bytesBefore(), report.bytesAfter(), 100.0 * (report.bytesBefore() - report.bytesAfter()) / report.bytesBefore());
        try (var all = Files.walk(course)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes {@code photo-<size>.png}, {@code photo-<size>.jpg} and {@code screenshot-<size>.png} into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String size : SIZES) {
            int w = Integer.parseInt(size.substring(0, size.indexOf('x')));
            int h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
            BufferedImage photo = photo(w, h, w);
            ImageIO.write(photo, "png", dir.resolve("photo-" + size + ".png").toFile());
            jpeg(photo, dir.resolve("photo-" + size + ".jpg"), 0.9f);
            ImageIO.write(screenshot(w, h, h), "png", dir.resolve("screenshot-" + size + ".png").toFile());
        }
    }

    static BufferedImage photo(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double fx = 2 + r.nextDouble() * 3;
        double fy = 2 + r.nextDouble() * 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                int red = clamp(128 + 100 * Math.sin(u * fx + v) + r.nextGaussian() * 5);
                int green = clamp(110 + 90 * Math.cos(v * fy - u * 2) + r.nextGaussian() * 5);
                int blue = clamp(90 + 80 * Math.sin((u + v) * 3) + r.nextGaussian() * 5);
                img.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return img;
    }

    static BufferedImage screenshot(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xf5f5f5));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x2d2d2d));
        g.fillRect(0, 0, w, h / 12);
        g.setColor(new Color(0xe8e8e8));
        g.fillRect(0, h / 12, w / 5, h);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        Color[] ink = {new Color(0x1f4e9a), new Color(0x222222), new Color(0xa31515), new Color(0x098658)};
        for (int y = h / 12 + 18; y < h; y += 17) {
            g.setColor(ink[r.nextInt(ink.length)]);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.nextInt(w / 10); i++) {
                line.append(r.nextInt(6) == 0 ? ' ' : (char) ('a' + r.nextInt(26)));
            }
            g.drawString(line.toString(), w / 5 + 10 + r.nextInt(4) * 20, y);
        }
        g.dispose();
        return img;
    }

    private static void jpeg(BufferedImage img, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
