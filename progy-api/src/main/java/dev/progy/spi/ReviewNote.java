package dev.progy.spi;

/**
 * One piece of advice from an AI review of a course: a note for the author, never a verdict.
 *
 * @param file   the {@link ReviewRequest.Document#file()} it is about
 * @param line   1-based line in that file, 0 when it is about the whole file
 * @param advice what could be clearer, in a sentence or two
 */
public record ReviewNote(String file, int line, String advice) { }
