package dev.progy.runner.podman;

import dev.progy.spi.container.EngineLocation;
import dev.progy.RunnerUnavailableException;

import java.util.List;

/** Turns an error answer of the Podman service into Progy's own error, so no client type crosses the port. */
final class EngineFailure {

    private EngineFailure() { }

    /** The service at {@code address} answered {@code e} when asked to {@code action}. */
    static RunnerUnavailableException of(LibpodException e, EngineLocation address, String action) {
        String reason = firstLine(e.reason());
        return new RunnerUnavailableException("the Podman service at " + address.uri() + " could not " + action
                + ": " + reason, "see the service's log (journalctl --user -u podman, or the output of podman system"
                + " service)", List.of("podman: " + reason));
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
