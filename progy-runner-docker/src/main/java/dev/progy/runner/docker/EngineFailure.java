package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.exception.DockerException;
import dev.progy.RunnerUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what docker-java throws into Progy's own errors, so no vendor exception crosses the port. */
final class EngineFailure {

    private EngineFailure() { }

    /** The engine at {@code address} could not {@code action} (e.g. "create the exercise's container"). */
    static RunnerUnavailableException of(RuntimeException e, EngineLocation address, String action) {
        if (e instanceof DockerException answered) {
            // the engine answered, with an error of its own
            return new RunnerUnavailableException("the Docker Engine at " + address.uri() + " could not " + action
                    + ": " + firstLine(answered.getMessage()), "see the engine's log (e.g. journalctl -u docker)",
                    List.of("docker: " + firstLine(answered.getMessage())));
        }
        String why = causes(e);
        if (why.toLowerCase(Locale.ROOT).contains("permission denied") || why.contains("[13]")) {
            String socket = address.socket().map(Object::toString).orElse(address.uri());
            return new RunnerUnavailableException("no permission to use the Docker Engine socket " + socket,
                    "add your user to the socket's group (e.g. sudo usermod -aG docker $USER, then log in again), "
                            + "or set DOCKER_HOST to an engine you may use",
                    List.of("docker: permission denied on " + socket));
        }
        List<String> attempts = new ArrayList<>();
        attempts.add("docker: cannot reach " + address.uri() + ": " + why);
        address.looked().forEach(place -> attempts.add("docker: looked at " + place));
        String notRunning = "the Docker Engine at " + address.uri() + " is not running (" + why + ")";
        return new RunnerUnavailableException(notRunning, DockerAddress.FIX_HINT, attempts,
                List.of(new RunnerUnavailableException.Tried("docker", notRunning, address.looked(), DockerAddress.FIX_HINT)));
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && text.indexOf(t.getMessage()) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(firstLine(t.getMessage()));
            }
        }
        return text.isEmpty() ? "it did not answer" : text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
