package dev.progy.spi;

import java.util.List;

/**
 * What an {@link AiProvider} is given to review a course for its author: the texts students read (instructions,
 * setup guide, hints), with anything that looks like a secret already replaced by {@code [redacted]}. Never the
 * course's scripts or configuration, never anything from the machine the review runs on.
 *
 * @param course    the course's name
 * @param documents the texts, each with the course-relative file it came from
 */
public record ReviewRequest(String course, List<Document> documents) {

    public ReviewRequest {
        documents = List.copyOf(documents);
    }

    /**
     * One text of the course.
     *
     * @param file course-relative path, with forward slashes; advice about it names the same path
     * @param text its content (Markdown)
     */
    public record Document(String file, String text) { }
}
