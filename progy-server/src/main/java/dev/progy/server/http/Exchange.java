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

    /**
     * The body's named text parameters: {@code application/x-www-form-urlencoded}, or a flat JSON object of texts;
     * read within the route's limits.
     *
     * @throws ApiException 400 {@code invalid_request} for a parameter given twice, not valid UTF-8, with control
     *                      characters or too long; 415 for another content type; and as {@link #body()}
     */
    java.util.Map<String, String> form();

    /** The request header {@code name}, if sent. */
    java.util.Optional<String> header(String name);

    /** The network address the request came from, for limits per address. */
    String clientAddress();
}
