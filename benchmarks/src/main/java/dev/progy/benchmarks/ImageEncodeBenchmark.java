package dev.progy.benchmarks;

import dev.progy.assets.WebPEncoding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * WebP encode time of the pipeline's encoder (ImageIO + webp-imageio's bundled libwebp) on the generated corpus:
 * photo-like images lossy at quality 80, screenshot-like ones lossless, as the pipeline encodes them, at three
 * sizes. Pixels are decoded in the setup: only the encode is timed, as {@code cwebp -v}'s "Time to encode picture"
 * is in {@code run-image-benchmarks.sh}, which turns both into megapixels per second side by side.
 * The corpus folder comes from {@code -Dprogy.bench.corpus} (written when missing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImageEncodeBenchmark {

    @Param({"photo", "screenshot"})
    public String kind;

    @Param({"640x480", "1280x720", "1920x1080"})
    public String size;

    private BufferedImage image;

    @Setup(Level.Trial)
    public void decode() throws IOException {
        Path corpus = Path.of(System.getProperty("progy.bench.corpus", System.getProperty("java.io.tmpdir") + "/progy-image-corpus"));
        if (!Files.exists(corpus.resolve("screenshot-1920x1080.png"))) {
            ImageCorpus.write(corpus);
        }
        image = ImageIO.read(corpus.resolve(kind + "-" + size + ".png").toFile());
    }

    @Benchmark
    public byte[] encode() throws IOException {
        return kind.equals("photo") ? WebPEncoding.lossy(image, 80) : WebPEncoding.lossless(image);
    }
}
