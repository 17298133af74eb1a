package dev.progy.assets;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one image file defensively: its kind from its first bytes (never from its name), then its header
 * (dimensions, frames, sample depth) and only then, when all of that is acceptable, its pixels. A file that is
 * not acceptable is {@link Refused} with a sentence saying why; the caller keeps it as it is.
 */
final class SourceImage {

    /** The format an extension promises, to tell when a name lies about its content. */
    private static final Map<String, String> PROMISED = Map.of("png", "png", "jpg", "jpeg", "jpeg", "jpeg",
            "gif", "gif", "bmp", "bmp", "tif", "tif", "tiff", "tif", "webp", "webp", "avif", "avif", "svg", "svg");

    /** Pixels ready for the encoder (8 bits per channel, RGB or ARGB), with what was noticed on the way. */
    record Decoded(BufferedImage image, String format, List<String> notes) { }

    /** Why a file is left as it is; {@code unchanged} when it needs nothing (already WebP or AVIF). */
    static final class Refused extends Exception {
        final boolean unchanged;

        Refused(String reason, boolean unchanged) {
            super(reason, null, false, false);
            this.unchanged = unchanged;
        }
    }

    private SourceImage() { }

    static Decoded read(Path file, long maxPixels) throws Refused, IOException {
        String ext = CourseScan.extension(file.getFileName().toString());
        String sniffed = sniff(file);
        if (sniffed.equals("svg") || ext.equals("svg") && sniffed.isEmpty()) {
            throw new Refused("is an SVG (vector) image, already small and sharp at any size; left as it is", false);
        }
        if (sniffed.equals("webp") || sniffed.equals("avif")) {
            throw new Refused("is already " + sniffed.toUpperCase(Locale.ROOT), true);
        }
        List<String> notes = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused("is not an image this pipeline can read (PNG, JPEG, GIF, BMP or TIFF)"
                        + (ext.isEmpty() ? "" : " although it is named ." + ext) + "; left as it is", false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                String format = reader.getOriginatingProvider().getFormatNames()[0].toLowerCase(Locale.ROOT);
                format = format.equals("jpg") ? "jpeg" : format.equals("tiff") ? "tif" : format;
                String promised = PROMISED.get(ext);
                if (promised != null && !promised.equals(format)) {
                    notes.add("is a " + format.toUpperCase(Locale.ROOT) + " file named ." + ext + "; converted by its content");
                }
                return decode(reader, format, maxPixels, notes);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Decoded decode(ImageReader reader, String format, long maxPixels, List<String> notes)
            throws Refused {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new Refused("is damaged: its header cannot be read (" + message(e) + "); left as it is", false);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new Refused(String.format(Locale.ROOT, "declares %d × %d pixels (%.1f megapixels), over the limit of"
                    + " %d; refused before decoding, as a guard against decompression bombs", width, height,
                    pixels / 1e6, maxPixels / 1_000_000), false);
        }
        ImageTypeSpecifier raw;
        try {
            if (format.equals("gif")) {
                int frames = reader.getNumImages(true);
                if (frames > 1) {
                    throw new Refused("is an animated GIF (" + frames + " frames); left as it is, since this pipeline"
                            + " writes still images", false);
                }
            }
            raw = reader.getRawImageType(0);
        } catch (IOException | RuntimeException e) {
            throw new Refused("is damaged (" + message(e) + "); left as it is", false);
        }
        if (raw == null || raw.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_CMYK) {
            throw cmykOrUnknown(format);
        }
        boolean deep = raw.getSampleModel().getDataType() == DataBuffer.TYPE_USHORT;
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IIOException e) {
            if (format.equals("jpeg") && String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
                throw cmykOrUnknown(format);
            }
            throw new Refused("is damaged or truncated (" + message(e) + "); left as it is", false);
        } catch (IOException | RuntimeException e) {
            throw new Refused("is damaged or truncated (" + message(e) + "); left as it is", false);
        }
        if (!warnings.isEmpty()) {
            // the JPEG reader fills a truncated file with grey and only warns: shipping that would lose the picture
            throw new Refused("is damaged or truncated (" + warnings.get(0) + "); left as it is", false);
        }
        if (deep) {
            notes.add("has 16 bits per channel; reduced to 8, which is what WebP holds");
        }
        return new Decoded(encodable(image), format, notes);
    }

    private static Refused cmykOrUnknown(String format) {
        return format.equals("jpeg")
                ? new Refused("is a CMYK JPEG (a print colour space browsers show poorly); left as it is: export it as"
                        + " RGB to have it converted", false)
                : new Refused("uses a colour layout this pipeline cannot convert; left as it is", false);
    }

    /** RGB or ARGB with 8 bits per channel, the layouts the WebP writer takes without copying through Java2D. */
    static BufferedImage encodable(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB
                || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** What the first bytes say the file is: svg, webp, avif, or "" for anything else (ImageIO decides then). */
    private static String sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "webp";
        }
        if (head.length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p'
                && head[8] == 'a' && head[9] == 'v' && head[10] == 'i') {
            return "avif";
        }
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("\uFEFF") || text.startsWith("\u00EF\u00BB\u00BF")) {
            text = text.substring(text.charAt(0) == '\uFEFF' ? 1 : 3).stripLeading();
        }
        return text.startsWith("<svg") || text.startsWith("<?xml") && text.contains("<svg") ? "svg" : "";
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
