package dev.progy.assets;

import dev.progy.CourseArchive;
import dev.progy.spi.support.IoFailures;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One image's trip through the pipeline, on a worker thread: name, decode, encode, and the new files written to
 * the staging folder (never into the course: {@link CourseCommit} moves them in once every image is done).
 */
final class ImageConversion {

    /** Hex digits of the source's SHA-256 in an output name: enough to tell versions of one image apart. */
    static final int HASH_DIGITS = 8;

    /**
     * The result for one image.
     *
     * @param webp        the WebP the course's references should now name (relative path), when there is one
     * @param stagedWebp  where it waits in the staging folder, when this run wrote it
     * @param hashSuffix  what replaces the original's extension in references: {@code .<hash>.webp}
     */
    record Conversion(String image, long bytesBefore, ImageResult.Outcome outcome, Optional<String> webp,
                      Optional<Path> stagedWebp, long webpBytes, Optional<String> avif, Optional<Path> stagedAvif,
                      String hashSuffix, String encoding, String keptReason, List<String> notes) { }

    private ImageConversion() { }

    static Conversion convert(Path root, String image, Path staging, AssetOptions options, Optional<AvifTool> avifTool) {
        Path file = root.resolve(image);
        long before;
        String suffix;
        try {
            before = Files.size(file);
            // the name carries the source's hash, not the output's: a second run knows the name before encoding
            suffix = "." + CourseArchive.sha256(file).substring(0, HASH_DIGITS) + ".webp";
        } catch (IOException | RuntimeException e) {
            return kept(image, 0, "", "could not be read: " + IoFailures.describe(e), List.of());
        }
        String webp = sibling(image, suffix);
        String avif = webp.substring(0, webp.length() - ".webp".length()) + ".avif";
        try {
            if (Files.isRegularFile(root.resolve(webp))) {
                Optional<String> existingAvif = Files.isRegularFile(root.resolve(avif)) ? Optional.of(avif) : Optional.empty();
                return new Conversion(image, before, ImageResult.Outcome.UNCHANGED, Optional.of(webp), Optional.empty(),
                        Files.size(root.resolve(webp)), existingAvif, Optional.empty(), suffix, "", "",
                        List.of("already converted to " + webp + " by an earlier run"));
            }
            SourceImage.Decoded decoded = SourceImage.read(file, (long) options.maxMegapixels() * 1_000_000L);
            EncodingChoice.Encoded encoded = EncodingChoice.encode(decoded.image(), decoded.format(), options.lossyQuality());
            if (encoded.bytes().length > before * (1 - options.minSaving())) {
                return kept(image, before, suffix, String.format(Locale.ROOT, "WebP (%s) would be %d %% of the original,"
                        + " not at least %d %% smaller", encoded.encoding(), Math.round(100.0 * encoded.bytes().length / before),
                        Math.round(options.minSaving() * 100)), decoded.notes());
            }
            Path stagedWebp = staging.resolve(webp);
            Files.createDirectories(stagedWebp.getParent());
            Files.write(stagedWebp, encoded.bytes());
            List<String> notes = new ArrayList<>(decoded.notes());
            Optional<Path> stagedAvif = Optional.empty();
            if (options.avif()) {
                stagedAvif = avif(avifTool, file, decoded, staging.resolve(avif), encoded.bytes().length, notes);
            }
            return new Conversion(image, before, ImageResult.Outcome.CONVERTED, Optional.of(webp), Optional.of(stagedWebp),
                    encoded.bytes().length, stagedAvif.map(p -> avif), stagedAvif, suffix, encoded.encoding(), "", notes);
        } catch (SourceImage.Refused r) {
            return r.unchanged
                    ? new Conversion(image, before, ImageResult.Outcome.UNCHANGED, Optional.empty(), Optional.empty(), 0,
                            Optional.empty(), Optional.empty(), suffix, "", "", List.of(r.getMessage()))
                    : kept(image, before, suffix, r.getMessage(), List.of());
        } catch (IOException | RuntimeException e) {
            return kept(image, before, suffix, "could not be converted (" + IoFailures.describe(e) + "); left as it is", List.of());
        }
    }

    /** The AVIF beside the WebP, kept only when smaller than it: a {@code <picture>} renderer would prefer it. */
    private static Optional<Path> avif(Optional<AvifTool> tool, Path source, SourceImage.Decoded decoded, Path target,
                                       long webpBytes, List<String> notes) {
        if (tool.isEmpty()) {
            return Optional.empty(); // said once for the whole run
        }
        Path input = null;
        try {
            String ext = CourseScan.extension(source.getFileName().toString());
            boolean direct = decoded.notes().isEmpty() && (decoded.format().equals("png") && ext.equals("png")
                    || decoded.format().equals("jpeg") && (ext.equals("jpg") || ext.equals("jpeg")));
            if (!direct) {
                // avifenc reads PNG and JPEG by name: anything else goes through an 8-bit PNG of the decoded pixels
                input = target.resolveSibling(target.getFileName() + ".input.png");
                ImageIO.write(decoded.image(), "png", input.toFile());
            }
            tool.get().encode(direct ? source : input, target);
            if (Files.size(target) >= webpBytes) {
                notes.add("no AVIF: it would not be smaller than the WebP (" + Files.size(target) + " bytes)");
                Files.delete(target);
                return Optional.empty();
            }
            return Optional.of(target);
        } catch (IOException e) {
            notes.add("no AVIF: " + IoFailures.describe(e));
            return Optional.empty();
        } finally {
            if (input != null) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException e) {
                    // the staging folder is removed as a whole anyway
                }
            }
        }
    }

    private static Conversion kept(String image, long before, String suffix, String reason, List<String> notes) {
        return new Conversion(image, before, ImageResult.Outcome.KEPT, Optional.empty(), Optional.empty(), before,
                Optional.empty(), Optional.empty(), suffix, "", reason, notes);
    }

    /** {@code assets/diagram.png} with {@code .3f9a1c2b.webp} → {@code assets/diagram.3f9a1c2b.webp}. */
    static String sibling(String image, String suffix) {
        int slash = image.lastIndexOf('/');
        int dot = image.lastIndexOf('.');
        String stem = dot > slash + 1 ? image.substring(0, dot) : image;
        return stem + suffix;
    }
}
