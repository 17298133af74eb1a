package dev.progy.error;

import java.time.Duration;

/** Something Progy waited for (an engine, a build, a server) did not finish in time. */
public class RunTimeoutException extends ProgyException {

    private final Duration timeout;

    public RunTimeoutException(String what, Duration timeout) {
        super(what + " did not finish within " + timeout.toSeconds() + " s", "raise the timeout or check what is slow");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
