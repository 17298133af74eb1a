package dev.progy;

import dev.progy.error.AiProviderException;
import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;

import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.Hint;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK as an embedder uses it: the README's example, and adapters passed in directly. */
class ProgyTest {

    @TempDir
    Path tmp;

    /** A course of two exercises whose runner passes when the entry file says "done". */
    private Path course() throws IOException {
        Path root = tmp.resolve("course");
        Files.createDirectories(root.resolve("runner"));
        Files.writeString(root.resolve("course.json"), """
                {"id": "sdk-course", "name": "SDK course",
                 "runners": [{"id": "sh", "command": "sh", "args": ["runner/check.sh", "{{exercise}}"]}]}
                """);
        Files.writeString(root.resolve("runner/check.sh"), "grep -q done \"content/$1\" && echo ok || { echo not yet; exit 1; }\n");
        for (String ex : List.of("01_first", "02_second")) {
            Path dir = Files.createDirectories(root.resolve("content/01_basics/" + ex));
            Files.writeString(dir.resolve("README.md"), "# " + ex + "\nWrite done.\n");
            Files.writeString(dir.resolve("exercise.sh"), "todo\n");
            Files.writeString(dir.resolve("solution.sh"), "done\n");
        }
        Files.writeString(root.resolve("content/01_basics/info.toml"), """
                [module]
                title = "Basics"
                [exercises]
                01_first = { title = "First", hints = ["write done"] }
                02_second = "Second"
                """);
        return root;
    }

    @Test
    @DisplayName("a run whose progress cannot be saved comes back whole from runAndRecord, with why it was not saved")
    void runAndRecordKeepsTheResult() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            Exercise first = progy.exercise(ws, "01_first");
            Files.createDirectories(ws.stateDir().resolve("progress-sdk-course.json.lock")); // in the way, even for root

            RecordedRun recorded = progy.runAndRecord(ws, first, ws.course().defaultRunner(), RunListener.NONE);

            assertThat(recorded.result().passed()).isFalse();
            assertThat(recorded.result().output()).contains("not yet");
            assertThat(recorded.notSaved()).hasValueSatisfying(e -> assertThat(e.getMessage())
                    .contains("progress-sdk-course.json", "cannot be written"));
            assertThatThrownBy(() -> progy.run(ws, first, RunListener.NONE)).isInstanceOf(ProgyException.class)
                    .hasMessageContaining("cannot be written");
        }
    }

    @Test
    @DisplayName("the AI provider is found on the first hint, not by every command (a missing one is said then)")
    void aiProviderIsFoundOnFirstHint() throws IOException {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        List<DiscoveryProblem> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Progy progy = Progy.builder().onDiscoveryProblem(said::add)
                .discover(dev.progy.spi.ProviderConfig.of(Map.of("progy.ai", "no-such-ai"))).build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            progy.states(ws);
            assertThat(said).as("before any hint").isEmpty();

            Hint hint = progy.hint(ws, progy.exercise(ws, "01_first"));

            assertThat(hint.text()).contains("write done");
            assertThat(said).singleElement().extracting(DiscoveryProblem::message).asString()
                    .contains("no-such-ai", "using the course's own hints");
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .as("the library reports to the embedder's callback, never to the process's streams").isEmpty();
        } finally {
            System.setErr(err);
        }
    }

    @Test
    @DisplayName("a model that cannot answer gives way to the course's own hints, saying why")
    void failingModelFallsBackToOfflineHints() throws IOException {
        dev.progy.spi.AiProvider unreachable = request -> {
            throw new AiProviderException("openai", AiProviderException.Kind.UNREACHABLE,
                    "could not reach the OpenAI-compatible server at http://localhost:11434/v1: the connection was refused",
                    "start the local model server (for Ollama: `ollama serve`)", null);
        };
        try (Progy progy = Progy.builder().aiProvider(unreachable).build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));

            Hint hint = progy.hint(ws, progy.exercise(ws, "01_first"));

            assertThat(hint.kind()).isNotEqualTo(Hint.Kind.AI);
            assertThat(hint.text()).startsWith("_No AI hint this time: could not reach")
                    .contains("refused. Start the local model server").contains("Here is the course's own hint.");
        }
    }

    @Test
    @DisplayName("a workspace records the progress store it uses the first time it needs one")
    void progressStoreIsRecorded() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            progy.progress(ws);

            assertThat(Files.readString(ws.root().resolve(Workspace.MANIFEST))).contains("\"progressStore\" : \"file\"");
        }
    }

    @Test
    @DisplayName("the README's example: init, next exercise, run; passing unlocks the next one and earns XP")
    void embeddingExample() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        try (Progy progy = Progy.builder().clock(clock).build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            Exercise next = progy.nextExercise(ws).orElseThrow().exercise();
            assertThat(next.id()).isEqualTo("01_basics/01_first");
            assertThat(progy.run(ws, next, RunListener.NONE).passed()).isFalse();
            assertThat(ws.root().resolve("content/01_basics/01_first/solution.sh")).doesNotExist();

            Files.writeString(ws.entryFile(next), "done\n");
            RunResult passed = progy.run(ws, next, RunListener.NONE);
            assertThat(passed.passed()).isTrue();
            CourseProgress p = progy.progress(ws);
            assertThat(p.stats().totalXp()).isEqualTo(Exercise.DEFAULT_XP);
            assertThat(p.exercise(next.id()).attempts()).isEqualTo(2);
            assertThat(p.exercise(next.id()).firstPassedAt()).contains(clock.instant());
            assertThat(progy.nextExercise(ws).orElseThrow().exercise().id()).isEqualTo("01_basics/02_second");
        }
    }

    @Test
    @DisplayName("a course loads the same from its folder and from its .progy archive; the unpacked copy goes on close")
    void loadFromArchive() throws IOException {
        Path folder = course();
        Path archive = tmp.resolve("course.progy");
        Path unpackedRoot;
        try (Progy progy = Progy.builder().build()) {
            progy.pack(folder, archive);
            var fromFolder = progy.loadCourse(folder);
            var fromArchive = progy.loadCourse(archive);
            unpackedRoot = fromArchive.root();
            assertThat(fromArchive.exercises()).isEqualTo(fromFolder.exercises());
            assertThat(unpackedRoot).isDirectory();
            assertThatThrownBy(() -> progy.loadCourse(tmp.resolve("missing.progy")))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(unpackedRoot).doesNotExist();
    }

    @Test
    @DisplayName("a locked exercise is refused with the reason, before anything runs")
    void lockedExerciseIsRefused() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            Exercise second = progy.exercise(ws, "02_second");
            assertThatThrownBy(() -> progy.run(ws, second, RunListener.NONE))
                    .isInstanceOf(ProgyException.class).hasMessageContaining("locked: pass 01_basics/01_first first");
        }
    }

    @Test
    @DisplayName("adapters passed to the builder are the ones used")
    void explicitAdapters() throws IOException {
        List<String> ran = new ArrayList<>();
        Runner runner = (request, listener) -> {
            ran.add(request.exercise().id());
            return dev.progy.spi.support.protocol.ResultProtocol.read(
                    dev.progy.spi.support.protocol.RawRun.exited(0, "", java.time.Duration.ZERO), request.runner().limits());
        };
        ConcurrentHashMap<String, CourseProgress> saved = new ConcurrentHashMap<>();
        ProgressStore store = new ProgressStore() {
            @Override
            public CourseProgress load(String courseId) {
                return saved.getOrDefault(courseId, CourseProgress.empty(courseId));
            }

            @Override
            public CourseProgress update(String courseId, UnaryOperator<CourseProgress> change) {
                return saved.compute(courseId, (k, v) -> change.apply(v == null ? CourseProgress.empty(k) : v));
            }
        };
        try (Progy progy = Progy.builder().runner(runner).progressStore(store).build()) {
            Workspace ws = progy.init(course().toString(), tmp.resolve("ws"));
            assertThat(progy.runner(RunnerType.DOCKER_FILE)).isSameAs(runner);
            progy.run(ws, progy.exercise(ws, "01_first"), RunListener.NONE);
        }
        assertThat(ran).containsExactly("01_basics/01_first");
        assertThat(saved.get("sdk-course").exercise("01_basics/01_first").everPassed()).isTrue();
        assertThat(tmp.resolve("ws/.progy")).isDirectoryNotContaining("glob:**/progress-*.json");
    }

    @Test
    @DisplayName("an exercise's own limits reach the runner, also when the workspace's course comes from its cache")
    void exerciseLimitsReachTheRunner() throws IOException {
        Path course = course();
        Files.writeString(course.resolve("content/01_basics/info.toml"), """
                [module]
                title = "Basics"
                [exercises]
                01_first = { title = "First", timeout_seconds = 7, memory_mb = 64 }
                02_second = "Second"
                """);
        List<dev.progy.spi.RunRequest> requests = new ArrayList<>();
        Runner runner = (request, listener) -> {
            requests.add(request);
            return dev.progy.spi.support.protocol.ResultProtocol.read(
                    dev.progy.spi.support.protocol.RawRun.exited(1, "", java.time.Duration.ZERO), request.runner().limits());
        };
        try (Progy progy = Progy.builder().runner(runner).build()) {
            Workspace ws = progy.init(course.toString(), tmp.resolve("ws"));
            progy.run(ws, progy.exercise(ws, "01_first"), RunListener.NONE);
            Workspace again = progy.openWorkspace(ws.root()); // the course model now comes from .progy/course.model
            progy.run(again, progy.exercise(again, "01_first"), RunListener.NONE);
        }
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.timeout()).isEqualTo(java.time.Duration.ofSeconds(7));
            assertThat(r.runner().limits().memoryMb()).isEqualTo(64);
            assertThat(r.runner().limits().pids()).isEqualTo(128);
        });
    }

    @Test
    @DisplayName("network consent is recorded in the workspace, kept by a re-init, and reaches only runners asking for network")
    void networkConsent() throws IOException {
        Path course = course();
        Files.writeString(course.resolve("course.json"), """
                {"id": "sdk-course", "name": "SDK course",
                 "runners": [{"id": "net", "type": "docker-file", "command": "sh", "args": ["runner/check.sh", "{{exercise}}"],
                              "network_access": true},
                             {"id": "offline", "type": "docker-file", "command": "sh", "args": ["runner/check.sh", "{{exercise}}"]}]}
                """);
        Files.writeString(course.resolve("Dockerfile"), "FROM progy/busybox:test\n");
        List<dev.progy.spi.RunRequest> requests = new ArrayList<>();
        Runner runner = (request, listener) -> {
            requests.add(request);
            return dev.progy.spi.support.protocol.ResultProtocol.read(
                    dev.progy.spi.support.protocol.RawRun.exited(1, "", java.time.Duration.ZERO), request.runner().limits());
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        try (Progy progy = Progy.builder().runner(runner).clock(clock).build()) {
            Workspace ws = progy.init(course.toString(), tmp.resolve("ws"));
            Exercise first = progy.exercise(ws, "01_first");
            var net = ws.course().runners().get(0);
            var offline = ws.course().runners().get(1);
            progy.run(ws, first, net, RunListener.NONE);
            assertThat(requests.get(0).networkConsent()).isEmpty();

            assertThat(progy.allowNetwork(ws)).isEqualTo(clock.instant());
            progy.init(course.toString(), ws.root());
            assertThat(ws.networkConsent()).contains(clock.instant());
            progy.run(ws, first, net, RunListener.NONE);
            progy.run(ws, first, offline, RunListener.NONE);
            assertThat(requests.get(1).networkConsent()).contains(clock.instant());
            assertThat(dev.progy.spi.support.sandbox.SandboxPolicy.builder(requests.get(1)).build().networkAccess()).isTrue();
            assertThat(requests.get(2).networkConsent()).isEmpty();

            progy.denyNetwork(ws);
            assertThat(ws.networkConsent()).isEmpty();
            assertThat(ws.networkDeclined()).contains(clock.instant());
            assertThat(Files.readString(ws.root().resolve(Workspace.MANIFEST))).contains("networkDeclined");
        }
    }

    @Test
    @DisplayName("without a container runner, a container course says what to do")
    void containerCourseWithoutRunner() {
        try (Progy progy = Progy.builder().build()) {
            assertThatThrownBy(() -> progy.runner(RunnerType.DOCKER_FILE))
                    .isInstanceOf(RunnerUnavailableException.class)
                    .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("Docker or Podman"));
        }
    }
}
