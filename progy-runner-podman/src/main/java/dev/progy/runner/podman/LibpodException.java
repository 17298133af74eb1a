package dev.progy.runner.podman;

/**
 * The Podman service answered a call with an error status. Stays inside this package: the runner turns it into
 * one of Progy's own exceptions (see {@link PodmanEngineCalls#failure}) or acts on it (a 404 for an image means: build it).
 */
final class LibpodException extends RuntimeException {

    private final int status;
    private final String action;
    private final String reason;

    LibpodException(int status, String action, String reason) {
        super("could not " + action + ": " + reason + " (HTTP " + status + ")");
        this.status = status;
        this.action = action;
        this.reason = reason;
    }

    /** The HTTP status, e.g. 404 for "no such container". */
    int status() {
        return status;
    }

    /** What was asked, e.g. "start the container". */
    String action() {
        return action;
    }

    /** The service's own message. */
    String reason() {
        return reason;
    }
}
