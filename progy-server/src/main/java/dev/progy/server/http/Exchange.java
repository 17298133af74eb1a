package dev.progy.server.http;

/** One request as a route handler sees it: who asks, and the body within the route's {@link Limits}. */
public interface Exchange {

    /** The caller; present on every route that is not public. */
    Caller caller();

    /** The value of the path parameter {@code name} ({@code {name}} in the route's path). */
    String pathParam(String name);

    /** The request id, also in the logs and the {@code X-Request-Id} header. */
    String requestId();

    /**
     * The body, read within the route's limits and checked as JSON (depth, text lengths, valid Unicode, no NUL,
     * nothing after the value).
     *
     * @throws ApiException 413 when too large, 408 when too slow, 400 when not acceptable JSON, 503 when too many
     *                      bodies are being read
     */
    byte[] body();
}
