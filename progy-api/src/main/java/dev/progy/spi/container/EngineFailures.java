package dev.progy.spi.container;

import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.container.ContainerEngine.EngineWords;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what an engine answers, or that it does not answer, into Progy's own error with the engine's fix, so no
 * client type crosses the port and both engines word their failures alike. Each engine gives its words and the
 * fixes that name its own tools.
 *
 * @param words          the engine's name and id
 * @param socket         what its socket is called, e.g. "Docker Engine socket"
 * @param logHint        where to read why the engine refused something
 * @param permissionHint what to do when its socket is not the user's to use
 * @param startHint      how to start it
 */
public record EngineFailures(EngineWords words, String socket, String logHint, String permissionHint,
                             String startHint) {

    /** The engine at {@code address} answered {@code reason} when asked to {@code action}. */
    public RunnerUnavailableException answered(EngineLocation address, String action, String reason) {
        String line = firstLine(reason);
        return new RunnerUnavailableException(words.name() + " at " + address.uri() + " could not " + action + ": "
                + line, logHint, List.of(words.id() + ": " + line));
    }

    /**
     * The engine at {@code address} could not be reached, for {@code why}: its socket is not the user's to use, or
     * it is not running.
     */
    public RunnerUnavailableException unreachable(EngineLocation address, String why) {
        return denied(address, why).orElseGet(() -> notRunning(address, why));
    }

    /** The engine's socket is not the user's to use, when {@code why} says so. */
    public Optional<RunnerUnavailableException> denied(EngineLocation address, String why) {
        if (!why.toLowerCase(Locale.ROOT).contains("permission denied") && !why.contains("[13]")) {
            return Optional.empty();
        }
        String path = address.socket().map(Object::toString).orElse(address.uri());
        return Optional.of(new RunnerUnavailableException("no permission to use the " + socket + " " + path,
                permissionHint, List.of(words.id() + ": permission denied on " + path)));
    }

    /** The engine at {@code address} is not running, for {@code why}. */
    public RunnerUnavailableException notRunning(EngineLocation address, String why) {
        return new RunnerUnavailableException(words.name() + " at " + address.uri() + " is not running (" + why + ")",
                startHint, List.of(words.id() + ": cannot reach " + address.uri() + ": " + why));
    }

    /** {@code unreachable}, saying too where else the engine was looked for. */
    public RunnerUnavailableException looked(RunnerUnavailableException unreachable, EngineLocation address) {
        List<String> attempts = new ArrayList<>(unreachable.attempts());
        address.looked().forEach(place -> attempts.add(words.id() + ": looked at " + place));
        return new RunnerUnavailableException(unreachable.getMessage(), unreachable.fixHint(), attempts,
                List.of(new RunnerUnavailableException.Tried(words.id(), unreachable.getMessage(), address.looked(),
                        unreachable.fixHint())));
    }

    /** The messages of {@code e} and its causes, each once, on one line; "it did not answer" when there are none. */
    public static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && text.indexOf(t.getMessage()) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(firstLine(t.getMessage()));
            }
        }
        return text.isEmpty() ? "it did not answer" : text.toString();
    }

    /** The first line of an engine's message, at most 300 characters. */
    public static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
