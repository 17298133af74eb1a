package dev.progy.server.http;

/**
 * The kind of route a rate limit is set for, declared on each route beside its access ({@link Route#rate}); the
 * numbers of each class are the server's settings ({@code rate-read}, {@code rate-write}, {@code rate-sign-in}).
 * A route of a class gets its own bucket per account (per network address when the caller has no valid token).
 */
public enum RateClass {
    /** Never limited: health, readiness, metrics, the API description (a load balancer polls them). */
    UNLIMITED,
    /** Reading: the default of GET routes. */
    READ,
    /** Changing something: the default of POST routes. */
    WRITE,
    /** Signing in, signing up, asking for a device code: few a minute, per network address. */
    SIGN_IN,
    /** Asking the AI tutor for a lesson, or setting an AI key ({@code rate-ai}): a model call costs money. */
    AI
}
