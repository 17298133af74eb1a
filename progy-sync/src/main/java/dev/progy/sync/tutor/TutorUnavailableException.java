package dev.progy.sync.tutor;

import dev.progy.error.ProgyException;

import java.time.Instant;
import java.util.Optional;

/**
 * No lesson can come from the server, for a reason the student can act on: signed out, offline, out of quota or
 * rate, a plan without AI, or the server refusing the request. The message says why in one sentence; the fix what to
 * do.
 */
public final class TutorUnavailableException extends ProgyException {

    /** Why no lesson came. */
    public enum Reason { SIGNED_OUT, OFFLINE, QUOTA, NO_PLAN, REFUSED, SERVER }

    private final Reason reason;
    private final transient Optional<Instant> resetsAt;

    public TutorUnavailableException(Reason reason, String message, String fix, Optional<Instant> resetsAt) {
        super(message, fix);
        this.reason = reason;
        this.resetsAt = resetsAt;
    }

    public Reason reason() {
        return reason;
    }

    /** When a refused quota or rate resets, if the server said. */
    public Optional<Instant> resetsAt() {
        return resetsAt;
    }
}
