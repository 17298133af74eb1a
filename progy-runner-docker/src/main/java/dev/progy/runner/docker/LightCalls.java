package dev.progy.runner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.util.Optional;

/**
 * Two calls every run makes, asked of the engine's API directly and read as a JSON tree: docker-java answers them
 * with its large response models ({@code InspectImageResponse}, {@code InspectContainerResponse}), and building
 * Jackson's deserializers for those was ≈ 38 % of a cold Docker {@code progy run}'s CPU. Only the expected answers
 * are read here; any other (an error status, a connection that fails) is empty, and the caller asks docker-java as
 * before, so what a user reads when the engine fails does not change.
 */
final class LightCalls {
    private LightCalls() { }

    /** How a container ended: what a run reads of its inspection. */
    record ContainerEnd(boolean running, Long exitCode, boolean oomKilled, String created, String finishedAt) {
        static ContainerEnd of(InspectContainerResponse inspected) {
            InspectContainerResponse.ContainerState state = inspected.getState();
            return new ContainerEnd(Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong(),
                    Boolean.TRUE.equals(state.getOOMKilled()), inspected.getCreated(), state.getFinishedAt());
        }
    }

    /** Whether the engine has the image {@code reference}; empty when it did not say (ask docker-java). */
    static Optional<Boolean> imageExists(DockerClient docker, String reference) {
        if (!plain(reference)) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response r = get(docker, "/images/" + reference + "/json")) {
            if (r == null) {
                return Optional.empty();
            }
            int status = r.getStatusCode();
            r.getBody().transferTo(java.io.OutputStream.nullOutputStream());
            return status == 200 ? Optional.of(true) : status == 404 ? Optional.of(false) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How container {@code id} ended; empty when the engine did not answer with it (ask docker-java). */
    static Optional<ContainerEnd> containerEnd(DockerClient docker, String id) {
        if (!plain(id)) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response r = get(docker, "/containers/" + id + "/json")) {
            if (r == null || r.getStatusCode() != 200) {
                return Optional.empty();
            }
            JsonNode c = JsonTrees.read(r.getBody().readAllBytes());
            JsonNode state = c.path("State");
            if (!state.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new ContainerEnd(state.path("Running").asBoolean(false),
                    state.path("ExitCode").isIntegralNumber() ? state.path("ExitCode").asLong() : null,
                    state.path("OOMKilled").asBoolean(false), text(c.path("Created")), text(state.path("FinishedAt"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    /** docker-java's transport, when {@code docker} is docker-java's own client; else null. */
    private static DockerHttpClient.Response get(DockerClient docker, String path) {
        if (!(docker instanceof DockerClientImpl impl) || impl.getHttpClient() == null) {
            return null;
        }
        return impl.getHttpClient().execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build());
    }

    /** An image reference or container id that needs no escaping in a path (they all do; else docker-java asks). */
    private static boolean plain(String s) {
        return s != null && !s.isEmpty() && !s.contains("..") && s.chars().allMatch(ch -> ch < 128
                && (Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == ':' || ch == '/'
                || ch == '@'));
    }
}
