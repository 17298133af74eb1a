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

    public ApiException(int status, String code, String message) {
        this(status, code, message, Optional.empty());
    }

    public ApiException(int status, String code, String message, Optional<Long> retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
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
