package dev.progy.server.http;

import java.util.Optional;

/**
 * A request refused, answered {@code {"error": code, "message": message}} with {@code status}; the message says
 * what is wrong and what to do, in words for the person behind the client.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Optional<Long> retryAfterSeconds;
    private final java.util.Map<String, String> extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Optional.empty());
    }

    public ApiException(int status, String code, String message, Optional<Long> retryAfterSeconds) {
        this(status, code, message, retryAfterSeconds, java.util.Map.of());
    }

    /** A refusal whose body also carries {@code extra} text fields (e.g. {@code fix}, {@code resetsAt}). */
    public ApiException(int status, String code, String message, Optional<Long> retryAfterSeconds,
                        java.util.Map<String, String> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.extra = java.util.Map.copyOf(extra);
    }

    /** Text fields the body carries beside {@code error} and {@code message}. */
    public java.util.Map<String, String> extra() {
        return extra;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
