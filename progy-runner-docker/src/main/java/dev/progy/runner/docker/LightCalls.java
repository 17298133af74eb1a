package dev.progy.runner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.spi.support.sandbox.BindMount;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.TmpfsMount;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of a cold run, asked of the engine's API directly over docker-java's transport, with the JSON read and
 * written as trees: docker-java answers them through its large models (building Jackson's serializers for
 * {@code CreateContainerCmd} and its {@code HostConfig} was ≈ 30 % of a cold Docker {@code progy run}'s CPU, its
 * inspection models' deserializers ≈ 38 % before that) and its {@code ObjectMapper}, whose set-up alone was ≈ 11 %.
 * Only the expected answers are taken here; any other (an error status, a connection that fails) is empty or false,
 * and the caller asks docker-java as before, so what a user reads when the engine fails does not change.
 */
final class LightCalls {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LightCalls() { }

    /** How a container ended: what a run reads of its inspection. */
    record ContainerEnd(boolean running, Long exitCode, boolean oomKilled, String created, String finishedAt) {
        static ContainerEnd of(InspectContainerResponse inspected) {
            InspectContainerResponse.ContainerState state = inspected.getState();
            return new ContainerEnd(Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong(),
                    Boolean.TRUE.equals(state.getOOMKilled()), inspected.getCreated(), state.getFinishedAt());
        }
    }

    /** docker-java's transport, when {@code docker} is docker-java's own client; else null (every call is empty). */
    static DockerHttpClient transport(DockerClient docker) {
        return docker instanceof DockerClientImpl impl ? impl.getHttpClient() : null;
    }

    /** Whether the engine has the image {@code reference}; empty when it did not say (ask docker-java). */
    static Optional<Boolean> imageExists(DockerClient docker, String reference) {
        return imageExists(transport(docker), reference);
    }

    /** Whether the engine has the image {@code reference}; empty when it did not say (ask docker-java). */
    static Optional<Boolean> imageExists(DockerHttpClient http, String reference) {
        if (http == null || !plain(reference)) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response r = call(http, DockerHttpClient.Request.Method.GET,
                "/images/" + reference + "/json", null)) {
            int status = r.getStatusCode();
            r.getBody().transferTo(OutputStream.nullOutputStream());
            return status == 200 ? Optional.of(true) : status == 404 ? Optional.of(false) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How container {@code id} ended; empty when the engine did not answer with it (ask docker-java). */
    static Optional<ContainerEnd> containerEnd(DockerClient docker, String id) {
        return containerEnd(transport(docker), id);
    }

    /** How container {@code id} ended; empty when the engine did not answer with it (ask docker-java). */
    static Optional<ContainerEnd> containerEnd(DockerHttpClient http, String id) {
        if (http == null || !plain(id)) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response r = call(http, DockerHttpClient.Request.Method.GET,
                "/containers/" + id + "/json", null)) {
            if (r.getStatusCode() != 200) {
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

    /**
     * The body of {@code POST /containers/create} for a run's container: the image, command, user, environment and
     * labels, and the policy's mounts, hardening and limits — field for field what docker-java sends for
     * {@code ContainerRun}'s {@code createContainerCmd} ({@code LightCallsTest} compares the two).
     *
     * @param networkMode the network to join instead of the policy's (none, or bridge with network access); or null
     */
    static ObjectNode createBody(String image, SandboxPolicy policy, Map<String, String> environment,
                                 String networkMode) {
        ObjectNode body = NODES.objectNode();
        body.put("User", policy.user());
        body.put("AttachStdin", false);
        body.put("AttachStdout", false);
        body.put("AttachStderr", false);
        body.put("Tty", false);
        body.put("OpenStdin", false);
        ArrayNode env = body.putArray("Env");
        environment.forEach((k, v) -> env.add(k + "=" + v));
        ArrayNode cmd = body.putArray("Cmd");
        policy.argv().forEach(cmd::add);
        body.put("Image", image);
        body.put("WorkingDir", policy.workingDir());
        ObjectNode host = body.putObject("HostConfig");
        ArrayNode caps = host.putArray("CapDrop");
        policy.capabilitiesToDrop().forEach(caps::add);
        host.put("Memory", policy.memoryBytes());
        host.put("MemorySwap", policy.memorySwapBytes());
        ArrayNode mounts = host.putArray("Mounts");
        for (BindMount m : policy.mounts()) {
            mounts.addObject().put("Type", "bind").put("Source", m.source().toString()).put("Target", m.target())
                    .put("ReadOnly", m.readOnly());
        }
        host.put("NanoCpus", policy.nanoCpus());
        host.put("NetworkMode", networkMode != null ? networkMode : policy.networkAccess() ? "bridge" : "none");
        host.put("PidsLimit", (long) policy.pidsLimit());
        host.put("ReadonlyRootfs", policy.readOnlyRootFilesystem());
        ArrayNode securityOpts = host.putArray("SecurityOpt");
        if (policy.noNewPrivileges()) {
            securityOpts.add("no-new-privileges");
        }
        ObjectNode tmpfs = host.putObject("Tmpfs");
        for (TmpfsMount t : policy.tmpfsMounts()) {
            tmpfs.put(t.target(), String.join(",", t.options()));
        }
        ObjectNode labels = body.putObject("Labels");
        policy.labels().forEach(labels::put);
        return body;
    }

    /** Creates a container named {@code name} from {@code body}; its id, or empty for any other answer. */
    static Optional<String> create(DockerHttpClient http, String name, ObjectNode body) {
        if (http == null || !plain(name)) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response r = call(http, DockerHttpClient.Request.Method.POST,
                "/containers/create?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                JsonTrees.write(body, false))) {
            if (r.getStatusCode() != 201) {
                r.getBody().transferTo(OutputStream.nullOutputStream());
                return Optional.empty();
            }
            JsonNode id = JsonTrees.read(r.getBody().readAllBytes()).path("Id");
            return id.isTextual() && plain(id.asText()) ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Starts container {@code id}; false for any answer but "started" (ask docker-java, which says why). */
    static boolean start(DockerHttpClient http, String id) {
        return status(http, DockerHttpClient.Request.Method.POST, "/containers/" + id + "/start") == 204;
    }

    /** Removes container {@code id} with its volumes, running or not; false for any answer but "removed" or "gone". */
    static boolean remove(DockerHttpClient http, String id) {
        int status = status(http, DockerHttpClient.Request.Method.DELETE, "/containers/" + id + "?force=true&v=true");
        return status == 204 || status == 404;
    }

    /**
     * Follows container {@code id}'s output (stdout and stderr, from its start) into {@code into} on a thread of its
     * own, as docker-java's log call does: {@code into} is started, fed each frame, then completed. False when the
     * engine did not answer with the stream (nothing was started; ask docker-java).
     */
    static boolean followLogs(DockerHttpClient http, String id, ResultCallback<Frame> into) {
        return stream(http, DockerHttpClient.Request.Method.GET,
                "/containers/" + id + "/logs?follow=true&stdout=true&stderr=true", into, LightCalls::frames);
    }

    /**
     * Attaches to created container {@code id}'s output before it starts, as {@code docker run} does, and follows it
     * into {@code into} on a thread of its own until the container's process ends: nothing is missed, and a short
     * run's output needs no read of the engine's log afterwards (≈ 20 ms of dockerd's for a run of a few
     * milliseconds). The engine answers {@code 200} with the raw stream when no upgrade is asked for. False when it
     * answered otherwise (nothing was started; follow the logs once it has started).
     */
    static boolean attach(DockerHttpClient http, String id, ResultCallback<Frame> into) {
        return stream(http, DockerHttpClient.Request.Method.POST,
                "/containers/" + id + "/attach?stream=true&stdout=true&stderr=true", into, LightCalls::frames);
    }

    /** The engine's multiplexed frames (no TTY): an 8-byte header, its stream and length, then the payload. */
    private static void frames(InputStream in, ResultCallback<Frame> callback) throws IOException {
        DataInputStream frames = new DataInputStream(in);
        byte[] header = new byte[8];
        while (true) {
            try {
                frames.readFully(header);
            } catch (EOFException end) {
                return;
            }
            int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            byte[] payload = new byte[size];
            frames.readFully(payload);
            callback.onNext(new Frame(header[0] == 2 ? StreamType.STDERR : StreamType.STDOUT, payload));
        }
    }

    /**
     * Waits on a thread of its own until container {@code id} stops, then completes {@code into} (its exit code is
     * read by inspecting it). False when the engine did not answer the wait (ask docker-java).
     */
    static boolean awaitStop(DockerHttpClient http, String id, ResultCallback<?> into) {
        return stream(http, DockerHttpClient.Request.Method.POST, "/containers/" + id + "/wait", into,
                (in, callback) -> in.transferTo(OutputStream.nullOutputStream()));
    }

    /**
     * Whether the engine recorded an {@code oom} event of container {@code id} between two of its times (seconds
     * since the epoch, as {@code OomEvents} writes them); empty when it did not answer (ask docker-java).
     */
    static Optional<Boolean> anyOomEvent(DockerHttpClient http, String id, String since, String until) {
        if (http == null || !plain(id)) {
            return Optional.empty();
        }
        String filters = "{\"container\":[\"" + id + "\"],\"event\":[\"oom\"]}";
        try (DockerHttpClient.Response r = call(http, DockerHttpClient.Request.Method.GET, "/events?since=" + since
                + "&until=" + until + "&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8), null)) {
            if (r.getStatusCode() != 200) {
                return Optional.empty();
            }
            byte[] events = r.getBody().readAllBytes();
            return Optional.of(!new String(events, StandardCharsets.UTF_8).isBlank());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface Body<T> {
        void read(InputStream in, ResultCallback<T> callback) throws IOException;
    }

    private static <T> boolean stream(DockerHttpClient http, DockerHttpClient.Request.Method method, String path,
                                      ResultCallback<T> into, Body<T> body) {
        if (http == null || !plain(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')))) {
            return false;
        }
        DockerHttpClient.Response r;
        try {
            r = call(http, method, path, method == DockerHttpClient.Request.Method.POST ? new byte[0] : null);
        } catch (RuntimeException e) {
            return false;
        }
        if (r.getStatusCode() != 200) {
            r.close();
            return false;
        }
        into.onStart(r);
        Thread reader = new Thread(() -> {
            try (r) {
                body.read(r.getBody(), into);
                into.onComplete();
            } catch (IOException | RuntimeException e) {
                into.onError(e);
            }
        }, "progy-docker-" + path.substring(path.lastIndexOf('/') + 1, path.indexOf('?') < 0 ? path.length()
                : path.indexOf('?')));
        reader.setDaemon(true);
        reader.start();
        return true;
    }

    /** The status of the engine's answer, or -1 when there was none (or the path would need escaping). */
    private static int status(DockerHttpClient http, DockerHttpClient.Request.Method method, String path) {
        if (http == null || !plain(path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')))) {
            return -1;
        }
        try (DockerHttpClient.Response r = call(http, method, path,
                method == DockerHttpClient.Request.Method.POST ? new byte[0] : null)) {
            r.getBody().transferTo(OutputStream.nullOutputStream());
            return r.getStatusCode();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static DockerHttpClient.Response call(DockerHttpClient http, DockerHttpClient.Request.Method method,
                                                  String path, byte[] json) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        if (json != null) {
            request.putHeader("Content-Type", "application/json").bodyBytes(json);
        }
        return http.execute(request.build());
    }

    /** An image reference, container id or path that needs no escaping (they all do; else docker-java asks). */
    private static boolean plain(String s) {
        return s != null && !s.isEmpty() && !s.contains("..") && s.chars().allMatch(ch -> ch < 128
                && (Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == ':' || ch == '/'
                || ch == '@'));
    }
}
