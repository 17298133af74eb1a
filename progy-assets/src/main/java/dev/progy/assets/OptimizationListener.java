package dev.progy.assets;

/**
 * Hears about an optimization as it goes, e.g. to draw a progress bar. Called from worker threads; every method
 * has a do-nothing default so the interface can grow.
 */
public interface OptimizationListener {

    /** The images to look at are known. */
    default void started(int images) { }

    /** One more image is done ({@code done} of {@code total}). */
    default void imageDone(ImageResult result, int done, int total) { }
}
