package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

/**
 * A sync request the hub refuses, with the HTTP status a server answers it with: 400 (not a request of this
 * format), 409 (an idempotency key reused for a different batch), 413 (too many records at once).
 */
public final class SyncRejectedException extends ProgyException {

    private final int status;
    private final String code;

    public SyncRejectedException(int status, String code, String message, String fixHint) {
        super(message, fixHint);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** A short machine-readable reason, e.g. {@code bad_request}. */
    public String code() {
        return code;
    }
}
