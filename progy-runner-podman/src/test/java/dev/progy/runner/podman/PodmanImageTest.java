package dev.progy.runner.podman;

import dev.progy.spi.container.CourseImages;
import dev.progy.spi.container.BuildLog;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The course's image, built by Podman from the course's Dockerfile. */
class PodmanImageTest {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private KitCourse kit;
    private Runner runner;

    @BeforeAll
    static void engineRuns() {
        PodmanEngine.requireOrSkip();
    }

    @AfterAll
    static void removeBuiltImages() {
        PodmanEngine.removeBuiltImages(KitCourse.ID);
    }

    @BeforeEach
    void openRunner() throws IOException {
        kit = new KitCourse(root);
        runner = new PodmanRunnerProvider().create(ProviderConfig.empty());
    }

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    /** Hears the output, the build log included. */
    private static final class Heard implements RunListener {
        final List<String> chunks = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void output(String chunk) {
            chunks.add(chunk);
        }

        boolean build() {
            return String.join("", chunks).lines().anyMatch(l -> l.startsWith(BuildLog.PREFIX));
        }
    }

    private RunResult run(String script, RunListener heard) throws IOException {
        return runner.run(kit.script(script).request(QUICK), heard);
    }

    private Path dockerfile(String steps) throws IOException {
        return kit.dockerfile(steps, Long.toString(ThreadLocalRandom.current().nextLong(1L << 40)));
    }

    private String builtTag() {
        return CourseImages.tag(KitCourse.ID, BuildContext.of(kit.courseRoot).hash());
    }

    @Test
    @DisplayName("a course with a Dockerfile runs in its image, built once with the log heard, then reused as it is")
    void buildsOnceThenReuses() throws IOException {
        dockerfile("RUN echo built > /built.txt\n");
        Heard first = new Heard();
        long t0 = System.nanoTime();
        RunResult built = run("cat /built.txt\nexit 0\n", first);
        long buildMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(built.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(built.output()).contains("built");
        assertThat(first.build()).as("build log heard: " + first.chunks).isTrue();
        String tag = builtTag();
        assertThat(tag).matches("progy/kit:[0-9a-f]{12}");
        assertThat(PodmanEngine.hasImage(tag)).isTrue();

        Heard second = new Heard();
        t0 = System.nanoTime();
        RunResult reused = run("cat /built.txt\nexit 0\n", second);
        long cachedMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        System.out.println("[timing] podman: first run with build " + buildMs + " ms, run on the built image " + cachedMs + " ms");
        assertThat(reused.status()).isEqualTo(RunResult.Status.PASS);
        assertThat(reused.output()).contains("built");
        assertThat(second.build()).as("no build on the second run: " + second.chunks).isFalse();
    }

    @Test
    @DisplayName("the image's name is made from the course id in the progy/ namespace, whatever characters the id holds")
    void courseIdMadeSafe() {
        assertThat(CourseImages.tag("Intro to Rust/../v2", "0123456789abcdef")).isEqualTo("progy/intro-to-rust-v2:0123456789ab");
        assertThat(CourseImages.tag("__", "0123456789abcdef")).isEqualTo("progy/course:0123456789ab");
    }

    @Test
    @DisplayName("a changed Dockerfile is a new image under a new tag")
    void changedDockerfileRebuilds() throws IOException {
        Path file = dockerfile("RUN echo one > /built.txt\n");
        assertThat(run("cat /built.txt\n", RunListener.NONE).output()).contains("one");
        String before = builtTag();
        Files.writeString(file, Files.readString(file).replace("echo one", "echo two"));
        Heard heard = new Heard();
        assertThat(run("cat /built.txt\n", heard).output()).contains("two");
        assertThat(builtTag()).isNotEqualTo(before);
        assertThat(heard.build()).isTrue();
        assertThat(PodmanEngine.hasImage(builtTag())).isTrue();
    }

    @Test
    @DisplayName("a failing build step is an error with the end of the build log, pointing at the Dockerfile")
    void failedBuildReported() throws IOException {
        dockerfile("RUN echo about to fail && exit 3\n");
        assertThatThrownBy(() -> run("echo never\n", RunListener.NONE))
                .isInstanceOf(ProgyException.class)
                .hasMessageContaining("building the course's image failed")
                .hasMessageContaining("about to fail")
                .hasMessageContaining("exit status 3")
                .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("Dockerfile");
        assertThat(PodmanEngine.hasImage(builtTag())).isFalse();
        assertThat(PodmanEngine.managedContainers()).isEmpty();
    }

    @Test
    @DisplayName("a build that takes longer than podman.build.timeout is stopped and reported, naming the setting")
    void slowBuildStopped() throws IOException {
        dockerfile("RUN sleep 5\n");
        kit.script("echo never\n");
        long t0 = System.nanoTime();
        try (Runner r = new PodmanRunnerProvider().create(ProviderConfig.of(Map.of("podman.build.timeout", "2")))) {
            assertThatThrownBy(() -> r.run(kit.request(QUICK))).isInstanceOf(ProgyException.class)
                    .hasMessageContaining("took longer than 2 s")
                    .extracting(e -> ((ProgyException) e).fixHint()).asString().contains("podman.build.timeout");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(PodmanEngine.hasImage(builtTag())).isFalse();
    }

    @Test
    @DisplayName("a dockerfile path leading out of the course folder is refused before anything is built")
    void dockerfileOutsideRefused() throws IOException {
        dockerfile("");
        kit.script("echo never\n");
        RunnerSpec s = KitCourse.spec(RunnerSpec.Limits.DEFAULT.withTimeout(QUICK));
        RunnerSpec outside = s.toBuilder().dockerfile("../x").build();
        assertThatThrownBy(() -> runner.run(kit.request(outside)))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("../x");
    }

    @Test
    @DisplayName("without a Dockerfile, an image_tag outside the progy/ namespace is refused: a course cannot stand in for a public image")
    void publicImageTagRefused() throws IOException {
        kit.script("echo never\n");
        RunnerSpec s = KitCourse.spec(RunnerSpec.Limits.DEFAULT.withTimeout(QUICK));
        RunnerSpec publicName = s.toBuilder().imageTag("busybox:latest").build();
        assertThatThrownBy(() -> runner.run(kit.request(publicName)))
                .isInstanceOf(ProgyException.class).hasMessageContaining("busybox:latest")
                .hasMessageContaining("progy/ namespace");
    }
}
