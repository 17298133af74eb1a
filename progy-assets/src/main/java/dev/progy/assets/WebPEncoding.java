package dev.progy.assets;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPWriteParam;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * The pipeline's WebP encoder: ImageIO and the libwebp bundled in webp-imageio, at cwebp's settings — lossless
 * with effort 75 ({@code cwebp -lossless -q 75 -m 4}) and lossy at a given quality ({@code cwebp -q 80 -m 4}) — so
 * that a benchmark can compare the same work. Public for benchmarks and for callers with pixels already decoded.
 */
public final class WebPEncoding {

    /** libwebp's method (speed/size trade-off, 0–6); 4 is cwebp's default. */
    public static final int METHOD = 4;
    /** Lossless effort, as {@code cwebp -lossless -q}. */
    public static final int LOSSLESS_EFFORT = 75;

    private WebPEncoding() { }

    /** The image as lossless WebP. */
    public static byte[] lossless(BufferedImage image) throws IOException {
        return encode(image, CompressionType.Lossless, LOSSLESS_EFFORT);
    }

    /** The image as lossy WebP at {@code quality} (0–100). */
    public static byte[] lossy(BufferedImage image, int quality) throws IOException {
        return encode(image, CompressionType.Lossy, quality);
    }

    private static byte[] encode(BufferedImage image, CompressionType type, int quality) throws IOException {
        ImageWriter writer = writer();
        try {
            WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
            param.setCompressionType(type);
            param.setCompressionQuality(quality / 100f);
            param.setMethod(METHOD);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writer() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/webp");
        if (!writers.hasNext()) {
            throw new IOException("no WebP writer: webp-imageio is missing from the class path");
        }
        return writers.next();
    }
}
