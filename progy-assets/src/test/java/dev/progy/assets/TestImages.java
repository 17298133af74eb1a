package dev.progy.assets;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

/** Real image files made on the spot, good and bad, for the tests. */
final class TestImages {

    private TestImages() { }

    /** Smooth gradients with noise, the way a camera's picture looks to an encoder. */
    static BufferedImage photo(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double fx = 2 + r.nextDouble() * 3;
        double fy = 2 + r.nextDouble() * 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                int red = clamp(128 + 100 * Math.sin(u * fx + v) + r.nextGaussian() * 6);
                int green = clamp(110 + 90 * Math.cos(v * fy - u * 2) + r.nextGaussian() * 6);
                int blue = clamp(90 + 80 * Math.sin((u + v) * 3) + r.nextGaussian() * 6);
                img.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return img;
    }

    /** Flat colours, boxes and text: what a screenshot of an editor or a diagram looks like. */
    static BufferedImage screenshot(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xf5f5f5));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x2d2d2d));
        g.fillRect(0, 0, w, Math.max(8, h / 12));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        Color[] ink = {new Color(0x1f4e9a), new Color(0x222222), new Color(0xa31515), new Color(0x098658)};
        for (int y = h / 12 + 16; y < h; y += 16) {
            g.setColor(ink[r.nextInt(ink.length)]);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.nextInt(60); i++) {
                line.append((char) ('a' + r.nextInt(26)));
                if (r.nextInt(6) == 0) {
                    line.append(' ');
                }
            }
            g.drawString(line.toString(), 8 + r.nextInt(4) * 16, y);
        }
        g.dispose();
        return img;
    }

    static Path png(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Path jpeg(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "jpeg", file.toFile());
        return file;
    }

    /** A JPEG whose four channels are CMYK (no JFIF, no Adobe RGB transform): what print tools export. */
    static Path cmykJpeg(Path file, int w, int h) throws IOException {
        WritableRaster raster = WritableRaster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, new int[] {x % 256, y % 256, (x + y) % 256, 20});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** A PNG with 16 bits per channel. */
    static Path png16(Path file, int w, int h) throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, new int[] {x * 65535 / w, y * 65535 / h, (x * y) % 65536});
            }
        }
        return png(file, new BufferedImage(cm, raster, false, null));
    }

    /** A GIF of {@code frames} frames. */
    static Path animatedGif(Path file, int frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.createDirectories(file.getParent());
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = frame.createGraphics();
                g.setColor(Color.RED);
                g.fillRect(i * 8, i * 8, 16, 16);
                g.dispose();
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "10");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                meta.setFromTree(meta.getNativeMetadataFormatName(), root);
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** A PNG signature and an IHDR chunk declaring {@code w × h} pixels, written byte by byte, and no pixel data. */
    static Path forgedPngHeader(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(w);
        c.writeInt(h);
        c.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter method, no interlace
        out.writeInt(13);
        out.write(chunk.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(chunk.toByteArray());
        out.writeInt((int) crc.getValue());
        out.writeInt(0);
        out.writeBytes("IEND");
        out.writeInt(0xAE426082);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** The first {@code keep} bytes of a real image: what an interrupted upload leaves. */
    static Path truncated(Path file, Path from, double keep) throws IOException {
        byte[] all = Files.readAllBytes(from);
        Files.createDirectories(file.getParent());
        Files.write(file, java.util.Arrays.copyOf(all, (int) (all.length * keep)));
        return file;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
