package dev.progy.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as a route handler sees it: who asks, and the body within the route's {@link Limits}. */
public interface Exchange {

    /** The caller; present on every route that is not public and not a page (pages have their session's). */
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
     * The body as bytes, read within the route's limits but not checked as JSON: an upload such as a course archive.
     *
     * @throws ApiException 413 when too large, 408 when too slow, 503 when too many bodies are being read
     */
    default byte[] bytes() {
        throw new UnsupportedOperationException("this exchange has no raw body");
    }

    /**
     * Who asks, when they sent a valid bearer token, also on a public route (where a token is not required but
     * may show more, such as a private course to its readers); empty for anonymous callers.
     */
    default java.util.Optional<Caller> bearer() {
        return java.util.Optional.empty();
    }

    /**
     * The body as an HTML form ({@code application/x-www-form-urlencoded}), read within the route's limits: each
     * field's values in order. A value longer than the limits' {@code maxString}, not valid UTF-8, or with a control
     * character other than a line break or tab is refused.
     *
     * @throws ApiException as {@link #body()} does, and 415 when the body is not a form
     */
    Map<String, List<String>> form();

    /** The request header {@code name}, if sent. */
    Optional<String> header(String name);

    /** The cookie {@code name}, if sent. */
    Optional<String> cookie(String name);

    /** The query parameter {@code name}, if given. */
    Optional<String> query(String name);

    /** The request's path, without the query. */
    String path();

    /** The network address the connection comes from (a reverse proxy's, behind one). */
    String remoteAddress();
}
