package dev.progy.runner.podman;

import dev.progy.spi.container.UnixSocketHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The calls of the libpod API a compose run makes beyond a single container's, typed: a pod, a named volume, a
 * service container's state and health, running its health check, and the end of its log. Over the runner's own
 * {@link LibpodClient}; errors are its {@link LibpodException}s.
 */
final class LibpodPods {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int LOG_LIMIT = 64 * 1024;

    private final LibpodClient podman;

    LibpodPods(LibpodClient podman) {
        this.podman = podman;
    }

    /**
     * Creates a pod whose members share only a network namespace with nothing in it but loopback: they reach
     * each other on localhost and nothing else. On a rootless service its members keep the user's uid
     * ({@code keep-id}) in the user namespace the pod gives them all.
     *
     * @return the pod's id
     */
    String createPod(String name, Map<String, String> labels, boolean rootless) {
        ObjectNode spec = NODES.objectNode().put("name", name);
        ObjectNode l = spec.putObject("labels");
        labels.forEach(l::put);
        spec.putObject("netns").put("nsmode", "none");
        spec.putArray("shared_namespaces").add("net");
        if (rootless) {
            spec.putObject("userns").put("nsmode", "keep-id");
        }
        return podman.answer("POST", "/pods/create", spec).path("Id").asText();
    }

    /** Creates an empty volume of the local driver; returns its name. */
    String createVolume(String name, Map<String, String> labels) {
        ObjectNode spec = NODES.objectNode().put("Name", name).put("Driver", "local");
        ObjectNode l = spec.putObject("Label");
        labels.forEach(l::put);
        return podman.answer("POST", "/volumes/create", spec).path("Name").asText();
    }

    /**
     * A container's state as a compose run waits on it.
     *
     * @param health         its health ({@code starting}, {@code healthy}, {@code unhealthy}), empty without a check
     * @param checkInterval  the time between its health checks; zero without a check
     * @param lastCheck      the last check's exit code and output, e.g. " (exit code 1, refused)"; empty before one
     */
    record State(boolean running, int exitCode, String health, Duration checkInterval, String lastCheck) {
        boolean hasHealthCheck() {
            return !health.isEmpty();
        }
    }

    State state(String id) {
        JsonNode c = podman.answer("GET", "/containers/" + LibpodClient.encoded(id) + "/json", null);
        JsonNode state = c.path("State");
        JsonNode health = state.has("Health") ? state.path("Health") : state.path("Healthcheck");
        JsonNode check = c.path("Config").path("Healthcheck");
        boolean checks = check.path("Test").size() > 0 && !check.path("Test").path(0).asText().equals("NONE");
        return new State(state.path("Running").asBoolean(false), state.path("ExitCode").asInt(-1),
                checks ? health.path("Status").asText("starting") : "",
                checks ? Duration.ofNanos(check.path("Interval").asLong(0)) : Duration.ZERO, lastCheck(health));
    }

    /**
     * Runs the container's health check once, as the service's scheduler would (a service without systemd, like
     * {@code podman system service} here, schedules none), and returns the health it leads to.
     */
    String runHealthCheck(String id) {
        return podman.answer("GET", "/containers/" + LibpodClient.encoded(id) + "/healthcheck", null)
                .path("Status").asText("");
    }

    /** The last {@code lines} lines of the container's output, stdout and stderr as they came. */
    String logTail(String id, int lines) {
        StringBuilder text = new StringBuilder();
        try (UnixSocketHttp.Exchange x = podman.bounded("GET", "/containers/" + LibpodClient.encoded(id)
                + "/logs?stdout=true&stderr=true&tail=" + lines, null, "read the log of " + id)) {
            InputStream frames = x.body();
            StreamFrames.read(frames, (stream, payload, length) -> {
                text.append(new String(payload, 0, length, StandardCharsets.UTF_8));
                return text.length() < LOG_LIMIT;
            });
        } catch (IOException | LibpodException e) {
            return "(its log could not be read: " + e.getMessage() + ")";
        }
        return text.toString().strip();
    }

    private static String lastCheck(JsonNode health) {
        JsonNode log = health.path("Log");
        if (!log.isArray() || log.isEmpty()) {
            return "";
        }
        JsonNode last = log.get(log.size() - 1);
        String output = last.path("Output").asText("").strip();
        return " (exit code " + last.path("ExitCode").asInt() + (output.isEmpty() ? "" : ", " + output) + ")";
    }
}
