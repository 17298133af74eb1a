package dev.progy.assets;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Lossless or lossy, per image. Screenshots, diagrams and anything with transparency or few colours go lossless:
 * lossy WebP smears their sharp edges and flat colours for little gain. JPEGs were photos already and go lossy.
 * Other images with many colours are encoded both ways, and the lossy one is kept only when it is at most half
 * the size of the lossless one: a photo shrinks far more than that, a screenshot with anti-aliased text does not.
 */
final class EncodingChoice {

    /** Above this many distinct colours an image counts as a photo or a rich screenshot. */
    static final int FEW_COLOURS = 256;

    /** The bytes chosen and how they were made ({@code lossless} or {@code lossy}). */
    record Encoded(byte[] bytes, String encoding) { }

    private EncodingChoice() { }

    static Encoded encode(BufferedImage image, String format, int quality) throws IOException {
        if (format.equals("jpeg")) {
            return new Encoded(WebPEncoding.lossy(image, quality), "lossy");
        }
        if (hasTransparencyOrFewColours(image)) {
            return new Encoded(WebPEncoding.lossless(image), "lossless");
        }
        byte[] lossless = WebPEncoding.lossless(image);
        byte[] lossy = WebPEncoding.lossy(image, quality);
        return lossy.length * 2 <= lossless.length ? new Encoded(lossy, "lossy") : new Encoded(lossless, "lossless");
    }

    /** Whether any pixel is not opaque, or the image has at most {@link #FEW_COLOURS} colours; stops early on photos. */
    static boolean hasTransparencyOrFewColours(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int w = image.getWidth();
        int[] row = new int[w];
        ColourSet colours = new ColourSet();
        boolean few = true;
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                if (alpha && argb >>> 24 != 0xff) {
                    return true;
                }
                if (few && colours.add(argb) && colours.size() > FEW_COLOURS) {
                    few = false;
                    if (!alpha) {
                        return false;
                    }
                }
            }
        }
        return few;
    }

    /** A small open-addressing set of ints: enough for counting up to a few hundred colours without boxing. */
    private static final class ColourSet {
        private final int[] slots = new int[1024];
        private final boolean[] used = new boolean[1024];
        private int size;

        boolean add(int v) {
            int i = (v * 0x9E3779B9) >>> 22;
            while (used[i]) {
                if (slots[i] == v) {
                    return false;
                }
                i = (i + 1) & 1023;
            }
            used[i] = true;
            slots[i] = v;
            size++;
            return true;
        }

        int size() {
            return size;
        }
    }
}
