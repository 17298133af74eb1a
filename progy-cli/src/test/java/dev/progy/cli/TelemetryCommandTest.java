package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryCommandTest {

    /** Passes when the exercise file holds the word solved; otherwise fails as javac would, naming a path. */
    private static final String CHECK = """
            grep -q solved "$2/exercise.py" && exit 0
            echo "$2/Main.java:3: error: cannot find symbol"
            echo "  symbol:   variable studentSecretName"
            exit 1
            """;

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many of the next POSTs the server answers 503 before it accepts. */
    private final AtomicInteger failNext = new AtomicInteger();
    private CliHarness cli;
    private Path ws;

    record Received(String method, String path, byte[] body, String userAgent, String authorization) {
        JsonNode json() {
            return CliJson.parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/telemetry", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            boolean fail = exchange.getRequestMethod().equals("POST") && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            byte[] answer = (fail ? "{}" : "{\"accepted\":1,\"refused\":[],\"duplicate\":false}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Path course = ShellCourse.write(tmp.resolve("course"), 10, CHECK, "01_first", "02_second");
        String json = Files.readString(course.resolve("course.json"));
        Files.writeString(course.resolve("course.json"), json.replaceFirst("\\{", "{\n  \"telemetry\": {\"ask\": true},"));
        cli = new CliHarness(tmp);
        assertThat(cli.run("init", course.toString(), "ws").code()).isZero();
        ws = tmp.resolve("ws");
        cli.env.put("PROGY_REGISTRY_SERVER", "http://127.0.0.1:" + server.getAddress().getPort());
        cli.env.put("PROGY_TELEMETRY_BACKGROUND", "0"); // the tests send in-process, except the one about the background
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private CliHarness.Result run(String... args) {
        return answering("", args);
    }

    private CliHarness.Result answering(String input, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = ws.toString();
        return cli.runWithInput(new StringReader(input), all);
    }

    @Test
    @DisplayName("piped, or in CI, the student is never asked and nothing is recorded or sent")
    void neverAskedWhenPipedOrInCi() {
        CliHarness.Result piped = answering("y\n", "run", "01_basics/01_first");
        assertThat(piped.err()).doesNotContain("usage data");
        cli.terminal = true;
        cli.env.put("CI", "true");
        CliHarness.Result ci = answering("y\n", "run", "01_basics/01_first");
        assertThat(ci.err()).doesNotContain("usage data");
        assertThat(run("telemetry", "status").out()).contains("not asked yet");
        CliHarness.Result show = run("telemetry", "show");
        assertThat(show.out()).isEmpty();
        assertThat(show.err()).contains("Telemetry is off");
        assertThat(Files.exists(ws.resolve(".progy/telemetry/queue.jsonl"))).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("asked once on a terminal when the course asks; a yes records start, failure, hint and pass, never a path or name")
    void askedOnceThenEventsQueued() throws IOException {
        cli.terminal = true;
        CliHarness.Result first = answering("y\n", "run", "01_basics/01_first");
        assertThat(first.err()).contains("Send anonymous usage data for this course? [y/N]").contains("turned on");
        assertThat(run("telemetry", "status").out()).contains("Telemetry is on since 20");
        CliHarness.Result again = answering("n\n", "run", "01_basics/01_first");
        assertThat(again.err()).doesNotContain("usage data");
        answering("", "hint", "01_basics/01_first");
        Files.writeString(ws.resolve("content/01_basics/01_first/exercise.py"), "solved\n");
        assertThat(answering("", "run", "01_basics/01_first").code()).isZero();

        JsonNode events = CliJson.parse(run("telemetry", "show").out()).path("events");
        assertThat(events).extracting(e -> e.path("type").asText() + "#" + e.path("attempt").asInt())
                .containsExactly("exercise_started#1", "run_failed#1", "run_failed#2", "hint_shown#2",
                        "exercise_passed#3");
        JsonNode failed = events.get(1);
        assertThat(failed.path("course").asText()).isEqualTo("shell-course");
        assertThat(failed.path("version").asText()).isEqualTo("1.0.0");
        assertThat(failed.path("exercise").asText()).isEqualTo("01_basics/01_first");
        assertThat(failed.path("signature").path("kind").asText()).isEqualTo("compile_error");
        assertThat(failed.path("signature").path("message").asText()).isEqualTo("cannot find symbol");
        assertThat(events.get(4).path("since_start_ms").asLong()).isGreaterThan(0);
        String shown = run("telemetry", "show").out();
        assertThat(shown).doesNotContain(tmp.toString()).doesNotContain("studentSecretName").doesNotContain("Main.java");
    }

    @Test
    @DisplayName("what `progy telemetry show` prints is byte for byte what the server receives, with no token")
    void showIsWhatIsSent() {
        run("telemetry", "on");
        run("run", "01_basics/01_first");
        run("hint", "01_basics/01_first");
        String shown = run("telemetry", "show").out();
        assertThat(run("telemetry", "send").out()).contains("3 events sent.");
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v1/telemetry");
        assertThat(r.body()).isEqualTo(shown.substring(0, shown.length() - System.lineSeparator().length())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.userAgent()).startsWith("progy-cli/");
        assertThat(r.authorization()).isNull();
        assertThat(r.json().path("installation").asText()).matches("[0-9a-f]{32}");
        CliHarness.Result after = run("telemetry", "show");
        assertThat(after.out()).isEmpty();
        assertThat(after.err()).contains("Nothing is queued");
    }

    @Test
    @DisplayName("a batch the server failed is retried with the same idempotency key and the same bytes")
    void retryReusesTheKey() {
        run("telemetry", "on");
        run("run", "01_basics/01_first");
        failNext.set(1);
        CliHarness.Result failed = run("telemetry", "send");
        assertThat(failed.code()).isNotZero();
        assertThat(failed.err()).contains("refused the batch (HTTP 503)").contains("same batch key");
        run("run", "01_basics/02_second"); // more events arrive meanwhile: they wait for the next batch
        assertThat(run("telemetry", "send").out()).contains("4 events sent.");
        assertThat(received).hasSize(3);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(2).json().path("batch").asText()).isNotEqualTo(received.get(0).json().path("batch").asText());
        assertThat(received.get(2).json().path("events")).hasSize(2);
    }

    @Test
    @DisplayName("forget erases the installation on the server and the queue here, and turns telemetry off")
    void forget() {
        run("telemetry", "on");
        run("run", "01_basics/01_first");
        String id = CliJson.parse(run("telemetry", "show").out()).path("installation").asText();
        CliHarness.Result forgot = run("telemetry", "forget");
        assertThat(forgot.code()).isZero();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/api/v1/telemetry/installations/" + id);
        });
        assertThat(run("telemetry", "status").out()).contains("Telemetry is off");
        run("telemetry", "on");
        run("run", "01_basics/01_first");
        JsonNode again = CliJson.parse(run("telemetry", "show").out());
        assertThat(again.path("installation").asText()).isNotEqualTo(id);
        assertThat(again.path("events")).hasSize(2);
    }

    @Test
    @DisplayName("after a run the events are sent by a background process; the run does not wait for it")
    void sentInTheBackground() throws Exception {
        cli.env.remove("PROGY_TELEMETRY_BACKGROUND");
        run("telemetry", "on");
        run("run", "01_basics/01_first");
        assertThat(cli.background).hasSize(1);
        assertThat(cli.background.get(0).waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(received).singleElement().satisfies(r -> assertThat(r.json().path("events")).hasSize(2));
        assertThat(run("telemetry", "status").out()).contains("0 events queued");
    }
}
