package dev.progy.assets;

/**
 * One place in a course's text that names an image file of the course.
 *
 * @param file     the Markdown or JSON file, relative to the course root
 * @param extStart where the image name's extension (with its dot) starts in the file's text; a rewrite replaces
 *                 [extStart, extEnd) with {@code .<hash>.webp}, so nothing else of the reference changes
 * @param extEnd   where it ends (equal to extStart for a name without extension)
 * @param image    the image it names, relative to the course root
 */
record ImageReference(String file, int extStart, int extEnd, String image) { }
