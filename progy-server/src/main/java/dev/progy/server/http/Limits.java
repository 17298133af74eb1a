package dev.progy.server.http;

/**
 * What a route accepts as a request body.
 *
 * @param maxBody   bytes; a larger body is refused with 413 before or while it is read, never held whole
 * @param maxDepth  nesting of JSON objects and lists
 * @param maxString characters of one JSON text or field name
 */
public record Limits(long maxBody, int maxDepth, int maxString) {

    /** No body at all: GET routes. */
    public static final Limits NO_BODY = new Limits(0, 0, 0);
}
