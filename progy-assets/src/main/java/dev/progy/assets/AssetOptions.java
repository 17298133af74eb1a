package dev.progy.assets;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link AssetOptimizer} works on a course. Make one with {@link #builder()}; the defaults suit a course
 * being packed: in place, one worker per core, 40 megapixels at most, WebP only.
 *
 * @param output        where the optimized course goes (a folder, or a {@code .progy} file for an archive);
 *                      empty to optimize in place
 * @param workers       images encoded at a time; each holds one decoded image, so memory is bounded by
 *                      {@code workers × maxMegapixels × 4} bytes plus the encoder's own
 * @param maxMegapixels images whose header declares more pixels than this are refused before decoding
 * @param minSaving     the share a WebP must save to replace its original ({@code 0.10} = at least 10 % smaller)
 * @param lossyQuality  the WebP quality of photos, 0 to 100
 * @param avif          also write an AVIF beside each WebP when {@code avifenc} is found on the PATH
 * @param listener      told of progress
 */
public record AssetOptions(Optional<Path> output, int workers, int maxMegapixels, double minSaving, int lossyQuality,
                           boolean avif, OptimizationListener listener) {

    /** The default megapixel limit: a 40 MP image decodes to 160 MB, a safe amount per worker. */
    public static final int DEFAULT_MAX_MEGAPIXELS = 40;

    public AssetOptions {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(listener, "listener");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxMegapixels < 1) {
            throw new IllegalArgumentException("maxMegapixels must be at least 1, was " + maxMegapixels);
        }
        if (minSaving < 0 || minSaving >= 1) {
            throw new IllegalArgumentException("minSaving must be in [0, 1), was " + minSaving);
        }
        if (lossyQuality < 0 || lossyQuality > 100) {
            throw new IllegalArgumentException("lossyQuality must be in 0..100, was " + lossyQuality);
        }
    }

    /** The defaults: in place, one worker per core, {@value #DEFAULT_MAX_MEGAPIXELS} MP, 10 %, quality 80, no AVIF. */
    public static AssetOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AssetOptions}; every setter is optional. */
    public static final class Builder {
        private Path output;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int maxMegapixels = DEFAULT_MAX_MEGAPIXELS;
        private double minSaving = 0.10;
        private int lossyQuality = 80;
        private boolean avif;
        private OptimizationListener listener = new OptimizationListener() { };

        private Builder() { }

        /** Writes the optimized course to {@code output} (a folder, or a file for an archive) instead of in place. */
        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder maxMegapixels(int maxMegapixels) {
            this.maxMegapixels = maxMegapixels;
            return this;
        }

        public Builder minSaving(double minSaving) {
            this.minSaving = minSaving;
            return this;
        }

        public Builder lossyQuality(int lossyQuality) {
            this.lossyQuality = lossyQuality;
            return this;
        }

        public Builder avif(boolean avif) {
            this.avif = avif;
            return this;
        }

        public Builder listener(OptimizationListener listener) {
            this.listener = listener;
            return this;
        }

        public AssetOptions build() {
            return new AssetOptions(Optional.ofNullable(output), workers, maxMegapixels, minSaving, lossyQuality, avif,
                    listener);
        }
    }
}
