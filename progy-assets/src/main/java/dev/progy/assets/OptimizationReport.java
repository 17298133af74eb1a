package dev.progy.assets;

import java.util.List;

/**
 * The result of optimizing a course: one {@link ImageResult} per image found (in path order), the text files whose
 * references were rewritten, and the originals removed because nothing referred to them any more.
 *
 * @param images          every image found, in path order
 * @param rewrittenFiles  Markdown and JSON files whose image references changed (relative paths)
 * @param removedOriginals originals no longer in the course (relative paths)
 * @param notes           about the course as a whole (a Markdown file that is not UTF-8, a JSON file that does not parse)
 * @param workers         how many images were encoded at a time
 */
public record OptimizationReport(List<ImageResult> images, List<String> rewrittenFiles, List<String> removedOriginals,
                                 List<String> notes, int workers) {

    public OptimizationReport {
        images = List.copyOf(images);
        rewrittenFiles = List.copyOf(rewrittenFiles);
        removedOriginals = List.copyOf(removedOriginals);
        notes = List.copyOf(notes);
    }

    /** The images' bytes before optimizing. */
    public long bytesBefore() {
        return images.stream().mapToLong(ImageResult::bytesBefore).sum();
    }

    /** The images' bytes as the course ships them now. */
    public long bytesAfter() {
        return images.stream().mapToLong(ImageResult::bytesAfter).sum();
    }

    /** How many images were converted by this run. */
    public long converted() {
        return images.stream().filter(i -> i.outcome() == ImageResult.Outcome.CONVERTED).count();
    }
}
