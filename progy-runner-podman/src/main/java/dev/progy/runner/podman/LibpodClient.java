package dev.progy.runner.podman;

import dev.progy.spi.container.UnixSocketHttp;
import dev.progy.spi.container.EngineLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.support.IoFailures;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of Podman's own REST API (libpod, {@value #API}) the runner makes, typed. What the service answers with
 * an error status is a {@link LibpodException}; a service that cannot be reached is a
 * {@link RunnerUnavailableException} saying whether it is not running or the socket is not ours to use.
 * Every call but the streams ends within {@link #CALL_TIMEOUT}: a service that hangs is treated as gone.
 */
final class LibpodClient implements AutoCloseable {

    /** The API prefix; Podman 4.0 and later serve it. */
    static final String API = "/v4.0.0/libpod";
    /** How long one call (not a stream) may take. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** How often the service looks whether a container waited for has stopped (its default, 250 ms, is slow). */
    static final String WAIT_INTERVAL = "20ms";
    private static final int ERROR_TEXT_LIMIT = 64 * 1024;

    private final EngineLocation address;
    private final UnixSocketHttp http;

    LibpodClient(EngineLocation address) {
        this.address = address;
        this.http = new UnixSocketHttp(address.socket().orElseThrow(() -> new RunnerUnavailableException(
                "the Podman address " + address.uri() + " is not a unix:// socket", PodmanAddress.FIX_HINT,
                address.looked())));
    }

    EngineLocation address() {
        return address;
    }

    // ---- the engine ----

    /** What {@code _ping} says: the libpod API version (empty when the service is not Podman) and the server. */
    record Ping(String libpodApiVersion, String server) { }

    Ping ping() {
        // the path without the API prefix: a Docker Engine answers it too, and is then told apart
        try (UnixSocketHttp.Exchange x = raw("GET", "/_ping")) {
            expectOk(x, "ping");
            String version = x.header("Libpod-Api-Version");
            String server = x.header("Server");
            return new Ping(version == null ? "" : version, server == null ? "" : server);
        }
    }

    /** The facts of {@code info} the runner uses. */
    record Info(String version, String apiVersion, boolean rootless, String cgroupVersion, String ociRuntime,
                String cgroupManager) { }

    Info info() {
        JsonNode info = json("GET", "/info", null);
        JsonNode host = info.path("host");
        return new Info(info.path("version").path("Version").asText(""),
                info.path("version").path("APIVersion").asText(""),
                host.path("security").path("rootless").asBoolean(false),
                host.path("cgroupVersion").asText(""), host.path("ociRuntime").path("name").asText(""),
                host.path("cgroupManager").asText(""));
    }

    // ---- images ----

    boolean imageExists(String name) {
        try (UnixSocketHttp.Exchange x = call("GET", "/images/" + encode(name) + "/exists", null)) {
            if (x.status() == 404) {
                return false;
            }
            expectOk(x, "look up the image " + name);
            return true;
        }
    }

    /** The ids of every image carrying all of {@code labels}. */
    List<String> images(Map<String, String> labels) {
        JsonNode answer = json("GET", "/images/json?filters=" + encode(labelFilter(labels)), null);
        List<String> ids = new ArrayList<>();
        for (JsonNode i : answer) {
            if (carries(i.path("Labels"), labels)) {
                ids.add(i.path("Id").asText());
            }
        }
        return ids;
    }

    /** Removes an image, even when containers use it; one already gone is fine. */
    void removeImage(String id) {
        try (UnixSocketHttp.Exchange x = call("DELETE", "/images/" + encode(id) + "?force=true", null)) {
            if (x.status() != 404) {
                expectOk(x, "remove the image " + id);
            }
        }
    }

    /**
     * Starts a build of the context {@code tar} (a tar stream) into {@code tag}; the answer's body streams JSON
     * lines {@code {"stream": ...}} and {@code {"error": ...}}. The exchange ends at {@code deadline} (then
     * {@link UnixSocketHttp.Exchange#expired()}); closing it stops the build.
     *
     * @throws UnixSocketHttp.DeadlinePassed when the deadline passed before the build started answering
     */
    UnixSocketHttp.Exchange build(String tag, String dockerfile, Map<String, String> labels, UnixSocketHttp.Body tar,
                                  Duration deadline) throws UnixSocketHttp.DeadlinePassed {
        String query = "?t=" + encode(tag) + "&dockerfile=" + encode(dockerfile) + "&labels="
                + encode(LibpodJson.text(LibpodJson.strings(labels))) + "&rm=true&forcerm=true&pull=false";
        UnixSocketHttp.Exchange x;
        try {
            x = http.send("POST", API + "/build" + query, "application/x-tar", tar, deadline);
        } catch (UnixSocketHttp.DeadlinePassed e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (x.status() / 100 != 2) {
            try (x) {
                throw failure(x, "build the image " + tag);
            }
        }
        return x;
    }

    // ---- containers ----

    /** Creates a container from a SpecGenerator and returns its id. */
    String create(ObjectNode spec) {
        return json("POST", "/containers/create", spec).path("Id").asText();
    }

    void start(String id) {
        try (UnixSocketHttp.Exchange x = call("POST", "/containers/" + id + "/start", null)) {
            if (x.status() != 304) { // 304: already running
                expectOk(x, "start the container");
            }
        }
    }

    /**
     * Attaches to the container's stdout and stderr (not its stdin): multiplexed frames, from the moment the head
     * arrived until the container ends. Made before the start, it hears everything; it ends as soon as the
     * container does, unlike a followed log, which the service ends a poll (up to 250 ms and more) later.
     */
    UnixSocketHttp.Exchange attach(String id) {
        return stream("POST", "/containers/" + id + "/attach?stream=true&stdout=true&stderr=true&logs=false", null,
                "attach to the container's output");
    }

    /**
     * Waits until the container has stopped; the answer's body is its exit code. The service sends even the head
     * only then, so this blocks without a deadline: the caller waits on a thread of its own and interrupts it to
     * give up (which closes the connection).
     */
    UnixSocketHttp.Exchange waitForStop(String id) {
        return stream("POST", "/containers/" + id + "/wait?condition=stopped&interval=" + WAIT_INTERVAL, null,
                "wait for the container");
    }

    /** Sends SIGKILL to the container; one that is gone or stopped already is left as it is. */
    void kill(String id) {
        try (UnixSocketHttp.Exchange x = call("POST", "/containers/" + id + "/kill?signal=KILL", null)) {
            if (x.status() != 404 && x.status() != 409) {
                expectOk(x, "kill the container");
            }
        }
    }

    /** The state of a container; {@code pid} is its first process on the service's machine, 0 when not running. */
    record ContainerState(boolean running, int exitCode, boolean oomKilled, String status, long pid) { }

    ContainerState inspect(String id) {
        JsonNode state = json("GET", "/containers/" + id + "/json", null).path("State");
        return new ContainerState(state.path("Running").asBoolean(false), state.path("ExitCode").asInt(-1),
                state.path("OOMKilled").asBoolean(false), state.path("Status").asText(""), state.path("Pid").asLong(0));
    }

    /** Removes a container, its anonymous volumes and exec sessions, killing it first; one already gone is fine. */
    void remove(String id) {
        try (UnixSocketHttp.Exchange x = call("DELETE", "/containers/" + id + "?force=true&v=true&timeout=0", null)) {
            if (x.status() != 404) {
                expectOk(x, "remove the container " + id);
            }
        }
    }

    /** A container as listed. */
    record ContainerSummary(String id, List<String> names, Map<String, String> labels, String state) { }

    /** Every container, running or not, carrying all of {@code labels}. */
    List<ContainerSummary> list(Map<String, String> labels) {
        JsonNode answer = json("GET", "/containers/json?all=true&filters=" + encode(labelFilter(labels)), null);
        List<ContainerSummary> found = new ArrayList<>();
        for (JsonNode c : answer) {
            if (!carries(c.path("Labels"), labels)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            c.path("Names").forEach(n -> names.add(n.asText()));
            Map<String, String> labelMap = new TreeMap<>();
            c.path("Labels").fields().forEachRemaining(e -> labelMap.put(e.getKey(), e.getValue().asText()));
            found.add(new ContainerSummary(c.path("Id").asText(), names, labelMap, c.path("State").asText("")));
        }
        return found;
    }

    /** The processes in a running container, as {@code ps} columns: pid, then the command line. */
    List<List<String>> top(String id) {
        JsonNode answer = json("GET", "/containers/" + id + "/top?ps_args=" + encode("pid,args"), null);
        List<List<String>> processes = new ArrayList<>();
        for (JsonNode p : answer.path("Processes")) {
            List<String> columns = new ArrayList<>();
            p.forEach(c -> columns.add(c.asText()));
            processes.add(columns);
        }
        return processes;
    }

    // ---- exec ----

    /** Creates an exec session in a running container: {@code argv} as {@code user} in {@code workDir}. */
    String execCreate(String containerId, List<String> argv, Map<String, String> env, String user, String workDir) {
        ObjectNode body = LibpodJson.object();
        body.set("Cmd", LibpodJson.strings(argv));
        body.set("Env", LibpodJson.strings(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        body.put("User", user);
        body.put("WorkingDir", workDir);
        body.put("AttachStdin", false);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", false);
        return json("POST", "/containers/" + containerId + "/exec", body).path("Id").asText();
    }

    /** Starts an exec session, attached: its output as multiplexed frames, until its process ends. */
    UnixSocketHttp.Exchange execStart(String execId) {
        ObjectNode body = LibpodJson.object().put("Detach", false).put("Tty", false);
        return stream("POST", "/exec/" + execId + "/start", body, "start the exec session");
    }

    /** The state of an exec session. */
    record ExecState(boolean running, int exitCode, int pid) { }

    ExecState execInspect(String execId) {
        JsonNode s = json("GET", "/exec/" + execId + "/json", null);
        return new ExecState(s.path("Running").asBoolean(false), s.path("ExitCode").asInt(-1), s.path("Pid").asInt(0));
    }

    // ---- plumbing ----

    /** A call whose answer is JSON (an error status throws). */
    private JsonNode json(String method, String path, JsonNode body) {
        try (UnixSocketHttp.Exchange x = call(method, path, body)) {
            expectOk(x, method + " " + path);
            try {
                return LibpodJson.read(x.body());
            } catch (IOException e) {
                throw x.expired() ? silent(method + " " + path) : unreachable(e);
            }
        }
    }

    /** A call that must end within {@link #CALL_TIMEOUT}, body included. */
    private UnixSocketHttp.Exchange call(String method, String path, JsonNode body) {
        return open(method, path, body, CALL_TIMEOUT);
    }

    /** A streamed answer: no deadline; an error status throws. */
    private UnixSocketHttp.Exchange stream(String method, String path, JsonNode body, String action) {
        UnixSocketHttp.Exchange x = open(method, path, body, null);
        if (x.status() / 100 != 2) {
            try (x) {
                throw failure(x, action);
            }
        }
        return x;
    }

    /** A call to a path outside the API prefix, within {@link #CALL_TIMEOUT}. */
    private UnixSocketHttp.Exchange raw(String method, String path) {
        try {
            return http.send(method, path, null, null, CALL_TIMEOUT);
        } catch (UnixSocketHttp.DeadlinePassed e) {
            throw silent(method + " " + path);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private UnixSocketHttp.Exchange open(String method, String path, JsonNode body, Duration deadline) {
        return open(method, path, body == null ? null : "application/json",
                body == null ? null : LibpodJson.bytes(body), deadline);
    }

    private UnixSocketHttp.Exchange open(String method, String path, String contentType, Object body, Duration deadline) {
        try {
            return http.send(method, API + path, contentType, body, deadline);
        } catch (UnixSocketHttp.DeadlinePassed e) {
            throw silent(method + " " + path);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private RunnerUnavailableException silent(String call) {
        return new RunnerUnavailableException("the Podman service at " + address.uri() + " did not answer " + call
                + " within " + CALL_TIMEOUT.toSeconds() + " s", "check the service (podman system service) and its"
                + " log; restart it if it hangs", List.of("podman: no answer from " + address.uri()));
    }

    private void expectOk(UnixSocketHttp.Exchange x, String action) {
        if (x.status() / 100 != 2) {
            throw failure(x, action);
        }
    }

    /** The service's error answer: libpod sends {@code {"cause": ..., "message": ..., "response": status}}. */
    private LibpodException failure(UnixSocketHttp.Exchange x, String action) {
        String text;
        try {
            text = x.bodyText(ERROR_TEXT_LIMIT);
        } catch (IOException e) {
            text = "";
        }
        String message = text.strip();
        try {
            JsonNode error = LibpodJson.read(text);
            if (error != null && error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (IOException notJson) {
            // the raw text says it
        }
        return new LibpodException(x.status(), action, message.isEmpty() ? "HTTP " + x.status() : message);
    }

    /** The service could not be reached: not running, or the socket is not ours to use. */
    RunnerUnavailableException unreachable(IOException e) {
        return PodmanEngineCalls.FAILURES.unreachable(address, IoFailures.describe(e));
    }

    /**
     * A {@code filters} value asking for the first of {@code labels}: Podman 4.3 answers a filter of several labels
     * with nothing for images, so the rest are checked here ({@link #carries}).
     */
    private static String labelFilter(Map<String, String> labels) {
        List<String> wanted = labels.entrySet().stream().limit(1).map(e -> e.getKey() + "=" + e.getValue()).toList();
        return LibpodJson.text(LibpodJson.object().set("label", LibpodJson.strings(wanted)));
    }

    private static boolean carries(JsonNode labels, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Stops the deadline thread; streams still open stay usable until closed. */
    @Override
    public void close() {
        http.close();
    }

    // ---- the plumbing, for the calls kept in files of their own (LibpodAdmin, LibpodPods) ----

    /** A call whose answer is JSON; an error status is a {@link LibpodException}. */
    JsonNode answer(String method, String path, JsonNode body) {
        return json(method, path, body);
    }

    /**
     * A call whose answer matters by its status only: returns it when it is a success or one of {@code accepted}
     * (e.g. 404 for a thing already gone); any other is a {@link LibpodException} saying it could not {@code action}.
     */
    int status(String method, String path, JsonNode body, String action, int... accepted) {
        try (UnixSocketHttp.Exchange x = call(method, path, body)) {
            for (int status : accepted) {
                if (x.status() == status) {
                    return status;
                }
            }
            expectOk(x, action);
            return x.status();
        }
    }

    /** A streamed answer, without a deadline; an error status is a {@link LibpodException}. */
    UnixSocketHttp.Exchange followed(String method, String path, JsonNode body, String action) {
        return stream(method, path, body, action);
    }

    /** A call within {@link #CALL_TIMEOUT} whose answer is read by the caller; an error status throws. */
    UnixSocketHttp.Exchange bounded(String method, String path, JsonNode body, String action) {
        UnixSocketHttp.Exchange x = call(method, path, body);
        if (x.status() / 100 != 2) {
            try (x) {
                throw failure(x, action);
            }
        }
        return x;
    }

    /** {@code value} encoded for a query string or a path segment. */
    static String encoded(String value) {
        return encode(value);
    }

    /**
     * {@link #build(String, String, Map, UnixSocketHttp.Body, Duration)} with build arguments ({@code ARG}s) and,
     * when set, the stage of a multi-stage Dockerfile to build: what a compose service's {@code build} may say.
     */
    UnixSocketHttp.Exchange build(String tag, String dockerfile, Map<String, String> labels, Map<String, String> args,
                                  java.util.Optional<String> target, UnixSocketHttp.Body tar, Duration deadline)
            throws UnixSocketHttp.DeadlinePassed {
        String query = "?t=" + encode(tag) + "&dockerfile=" + encode(dockerfile) + "&labels="
                + encode(LibpodJson.text(LibpodJson.strings(labels))) + "&buildargs=" + encode(LibpodJson.text(LibpodJson.strings(args)))
                + target.map(t -> "&target=" + encode(t)).orElse("") + "&rm=true&forcerm=true&pull=false";
        UnixSocketHttp.Exchange x;
        try {
            x = http.send("POST", API + "/build" + query, "application/x-tar", tar, deadline);
        } catch (UnixSocketHttp.DeadlinePassed e) {
            throw e;
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (x.status() / 100 != 2) {
            try (x) {
                throw failure(x, "build the image " + tag);
            }
        }
        return x;
    }
}
