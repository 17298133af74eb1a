package dev.progy.runner.docker;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.container.EngineLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientConfig;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two calls every run makes (is the course's image there; how did the container end) read the engine's answer
 * without docker-java's response models: building Jackson's deserializers for them was ≈ 38 % of a cold Docker
 * {@code progy run}'s CPU. Seen in a fresh JVM, as a user's command starts.
 */
class LightCallsTest {

    @BeforeAll
    static void engine() {
        DockerEngine.requireOrSkip();
    }

    @Test
    void aRunsCallsLoadNoInspectionModels() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), InChildJvm.class.getName(), DockerEngine.IMAGE))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("image there: true", "missing image there: false",
                "ended: ContainerEnd[running=false, exitCode=3, oomKilled=false");
        assertThat(output).as("docker-java's inspection models, whose deserializers cost a run most of its CPU")
                .doesNotContain("com.github.dockerjava.api.command.InspectImageResponse ")
                .doesNotContain("com.github.dockerjava.api.command.InspectContainerResponse ");
    }

    @Test
    void anotherAnswerIsLeftToDockerJava() {
        try (var docker = DockerAddress.connect(new EngineLocation(DockerRunnerConfig.of(ProviderConfig.empty())
                .dockerHost()))) {
            assertThat(LightCalls.containerEnd(docker, "progy-no-such-container")).isEmpty();
            assertThat(LightCalls.imageExists(docker, "needs escaping?")).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a run's container is created with what docker-java sends: every sandbox setting, limit and label")
    void createBodyIsWhatDockerJavaSends(@TempDir Path root) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Files.createDirectories(workspace.resolve("content/m/e"));
        Files.createDirectories(workspace.resolve(".progy"));
        Exercise e = new Exercise("m/e", "m", "e", "E", Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(),
                "exercise.sh", Optional.empty(), Optional.empty());
        for (RunnerSpec.Limits limits : List.of(RunnerSpec.Limits.DEFAULT,
                new RunnerSpec.Limits(Duration.ofSeconds(7), 300, 1.5, 77, 128))) {
            RunnerSpec spec = RunnerSpec.builder("t", RunnerType.DOCKER_FILE).name("t").command("sh")
                    .args(List.of("runner/check.sh", "{{exercise}}")).imageTag("img:1").limits(limits).build();
            Course course = new Course("kit", "Kit", "1.0.0", "", workspace, workspace.resolve("content"),
                    List.of(spec), Progression.DEFAULT, Setup.NONE,
                    List.of(new CourseModule("m", "M", "", "", List.of(), List.of(e))));
            RunRequest request = new RunRequest(course, e, spec, workspace, limits.timeout(), Map.of("EXTRA", "x y"));
            try (SandboxPolicy policy = SandboxPolicy.builder(request).outputParent(root).build();
                 DockerClient docker = DockerAddress.connect(new EngineLocation("unix://" + root.resolve("none.sock")))) {
                for (String network : java.util.Arrays.asList(null, "progy-egress-1")) {
                    Map<String, String> env = network == null ? policy.environment()
                            : policy.environment("http://proxy:3128");
                    JsonNode sent = DockerClientConfig.getDefaultObjectMapper()
                            .valueToTree(ContainerRun.createCmd(docker, "img:1", policy, env, network));
                    JsonNode light = JsonTrees.read(JsonTrees.write(LightCalls.createBody("img:1", policy, env, network),
                            false));
                    sent = JsonTrees.read(JsonTrees.write(sent, false)); // numbers read back as the same node types
                    // as JSON objects (fields in any order), not as AssertJ's iterables
                    assertThat(light.equals(withoutEmpty(sent))).as("light %s, docker-java sent %s", light, sent).isTrue();
                    assertThat(light.path("HostConfig").path("CapDrop")).contains(TextNode.valueOf("ALL"));
                    assertThat(light.path("HostConfig").path("SecurityOpt"))
                            .containsExactly(TextNode.valueOf("no-new-privileges"));
                    assertThat(light.path("HostConfig").path("ReadonlyRootfs").asBoolean()).isTrue();
                }
            }
        }
    }

    /** docker-java's tree without the empty objects and lists it sends for settings it was not given. */
    private static JsonNode withoutEmpty(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> {
                JsonNode v = withoutEmpty(f.getValue());
                if (!v.isNull() && !(v.isContainerNode() && v.isEmpty() && !f.getKey().equals("SecurityOpt")
                        && !f.getKey().equals("Env") && !f.getKey().equals("Labels") && !f.getKey().equals("Tmpfs")
                        && !f.getKey().equals("Mounts") && !f.getKey().equals("CapDrop"))) {
                    copy.set(f.getKey(), v);
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(withoutEmpty(v)));
            return copy;
        }
        return node;
    }

    @Test
    @DisplayName("a whole cold run in a fresh JVM makes no ObjectMapper, no docker-java command model and, over the engine's socket, no docker-java transport")
    void aColdRunMakesNoObjectMapper(@TempDir Path root) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Files.createDirectories(workspace.resolve("runner"));
        Files.writeString(workspace.resolve("runner/check.sh"), "echo out; echo err >&2; exit 3\n");
        Files.createDirectories(workspace.resolve("content/m/e"));
        Files.createDirectories(workspace.resolve(".progy"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), RunInChildJvm.class.getName(), DockerEngine.IMAGE,
                workspace.toString())).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("exit: 3", "output: ").contains("out", "err"); // the two streams in either order
        assertThat(output).as("docker-java's client set-up and command models")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
                .doesNotContain("com.github.dockerjava.core.command.CreateContainerCmdImpl ");
        assertThat(output).as("docker-java's transport (Apache HttpClient 5): the run's calls go over UnixSocketHttp")
                .doesNotContain("com.github.dockerjava.zerodep.ZerodepDockerHttpClient ")
                .doesNotContain("com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.impl.classic.")
                .contains("dev.progy.spi.container.UnixSocketHttp ");
    }

    /** Runs {@code sh runner/check.sh} of a workspace in a prebuilt image through the Docker runner, cold. */
    static final class RunInChildJvm {
        public static void main(String[] args) throws Exception {
            Path workspace = Path.of(args[1]);
            Exercise e = new Exercise("m/e", "m", "e", "E", Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(),
                    "exercise.sh", Optional.empty(), Optional.empty());
            RunnerSpec spec = RunnerSpec.builder("t", RunnerType.DOCKER_FILE).name("t").command("sh")
                    .args(List.of("runner/check.sh")).imageTag(args[0]).build();
            Course course = new Course("kit", "Kit", "1.0.0", "", workspace, workspace.resolve("content"),
                    List.of(spec), Progression.DEFAULT, Setup.NONE,
                    List.of(new CourseModule("m", "M", "", "", List.of(), List.of(e))));
            try (var runner = new DockerRunnerProvider().create(ProviderConfig.empty())) {
                RunResult r = runner.run(new RunRequest(course, e, spec, workspace, Duration.ofSeconds(60), Map.of()));
                System.out.println("exit: " + r.exitCode().orElse(-1));
                System.out.println("output: " + r.output());
            }
        }
    }

    /** Looks up an image there and one not, runs a container that exits 3 and reads how it ended. */
    static final class InChildJvm {
        public static void main(String[] args) throws Exception {
            EngineLocation address = new EngineLocation(DockerRunnerConfig.of(ProviderConfig.empty()).dockerHost());
            try (var docker = DockerAddress.connect(address)) {
                DockerEngineCalls calls = new DockerEngineCalls(docker, address);
                System.out.println("image there: " + calls.imageExists(args[0]));
                System.out.println("missing image there: " + calls.imageExists("progy-test/no-such-image:none"));
                String id = docker.createContainerCmd(args[0]).withCmd("sh", "-c", "exit 3").exec().getId();
                try {
                    docker.startContainerCmd(id).exec();
                    docker.waitContainerCmd(id).start().awaitStatusCode();
                    System.out.println("ended: " + LightCalls.containerEnd(docker, id).orElseThrow());
                } finally {
                    docker.removeContainerCmd(id).withForce(true).exec();
                }
            }
        }
    }
}
