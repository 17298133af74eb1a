package dev.progy.assets;

import java.util.List;
import java.util.Optional;

/**
 * What became of one image of a course.
 *
 * @param path        the image, relative to the course root with '/' separators
 * @param outcome     whether it was converted, kept as it was, or already optimized
 * @param bytesBefore its size before
 * @param bytesAfter  the size of what the course ships for it now: the WebP when converted, else the original
 * @param webp        the WebP written for it (relative path), when converted
 * @param avif        the AVIF written beside the WebP (relative path), when asked for and worth it
 * @param encoding    {@code lossless} or {@code lossy} when converted; empty otherwise
 * @param keptReason  why the original still ships (not smaller, unreadable, still referenced, …); empty otherwise
 * @param notes       anything else worth telling the author about this file, in plain sentences
 */
public record ImageResult(String path, Outcome outcome, long bytesBefore, long bytesAfter, Optional<String> webp,
                          Optional<String> avif, String encoding, String keptReason, List<String> notes) {

    /** What happened to an image. */
    public enum Outcome {
        /** A WebP was written and the references that could move to it now point at it. */
        CONVERTED,
        /** The original ships unchanged; {@link #keptReason()} says why. */
        KEPT,
        /** Already a WebP or AVIF, or already converted by an earlier run: nothing to do. */
        UNCHANGED
    }

    public ImageResult {
        notes = List.copyOf(notes);
    }

    /** Bytes saved on this image (negative never: a bigger result is not kept). */
    public long saved() {
        return bytesBefore - bytesAfter;
    }
}
