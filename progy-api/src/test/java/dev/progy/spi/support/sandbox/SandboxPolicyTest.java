package dev.progy.spi.support.sandbox;

import dev.progy.error.ProgyException;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.progy.spi.support.sandbox.SandboxCourse.defaultSpec;
import static dev.progy.spi.support.sandbox.SandboxCourse.request;
import static dev.progy.spi.support.sandbox.SandboxCourse.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What runs in the container, with which limits, environment and labels. */
class SandboxPolicyTest {

    private static final Instant AGREED = Instant.parse("2026-11-25T09:30:00Z");

    @TempDir
    Path root;
    Path workspace;
    private final List<SandboxPolicy> made = new ArrayList<>();

    @BeforeEach
    void writeWorkspace() throws IOException {
        workspace = SandboxCourse.workspace(root);
        Files.createDirectories(root.resolve("out"));
    }

    @AfterEach
    void closePolicies() {
        made.forEach(SandboxPolicy::close);
        made.clear();
    }

    private SandboxPolicy.Builder builder(RunRequest request) {
        return SandboxPolicy.builder(request).homeFolder(root.resolve("home/ada")).outputParent(root.resolve("out"))
                .hostEnvironment(Map.of()).hostCpus(4);
    }

    private SandboxPolicy policy(RunRequest request) {
        return keep(builder(request).build());
    }

    private SandboxPolicy keep(SandboxPolicy policy) {
        made.add(policy);
        return policy;
    }

    private static RunnerSpec.Limits limits(int memoryMb, double cpus, int pids) {
        return new RunnerSpec.Limits(Duration.ofSeconds(20), memoryMb, cpus, pids);
    }

    @Test
    @DisplayName("by default every hardening is on and nothing is relaxed")
    void strictByDefault() {
        SandboxPolicy p = policy(request(workspace));
        assertThat(p.readOnlyRootFilesystem()).isTrue();
        assertThat(p.capabilitiesToDrop()).containsExactly("ALL");
        assertThat(p.noNewPrivileges()).isTrue();
        assertThat(p.networkAccess()).isFalse();
        assertThat(p.relaxations()).isEmpty();
        assertThat(p.uid()).isNotZero();
        assertThat(p.gid()).isNotZero();
        assertThat(p.user()).doesNotStartWith("0:").doesNotEndWith(":0");
        assertThat(p.memoryBytes()).isEqualTo(512L << 20);
        assertThat(p.memorySwapBytes()).isEqualTo(p.memoryBytes());
        assertThat(p.nanoCpus()).isEqualTo(1_000_000_000L);
        assertThat(p.pidsLimit()).isEqualTo(128);
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.outputLimitBytes()).isEqualTo(1 << 20);
        assertThat(p.limits()).isEqualTo(RunnerSpec.Limits.DEFAULT);
        assertThat(p.tmpfsMounts().get(0)).satisfies(tmp -> {
            assertThat(tmp.target()).isEqualTo("/tmp");
            assertThat(tmp.options()).containsExactly("rw", "nosuid", "nodev", "exec", "size=67108864", "mode=1777");
        });
        assertThat(p.tmpfsMounts().get(1)).satisfies(home -> {
            assertThat(home.target()).isEqualTo("/home/progy").isEqualTo(p.environment().get("HOME"));
            assertThat(home.options()).containsExactly("rw", "nosuid", "nodev", "exec", "size=268435456", "mode=700",
                    "uid=" + p.uid(), "gid=" + p.gid());
        });
    }

    @Test
    @DisplayName("the command runs in exec form with placeholders filled with container paths")
    void argvInExecForm() {
        SandboxPolicy p = policy(request(workspace));
        assertThat(p.argv()).containsExactly("sh", "runner/check.sh", "01_basics/01_hello/exercise.py",
                "/workspace/content/01_basics/01_hello/exercise.py");
        assertThat(p.argv()).doesNotContain("-c");
        assertThat(p.workingDir()).isEqualTo("/workspace");
        assertThat(p.exercisePath()).isEqualTo("/workspace/content/01_basics/01_hello");
    }

    @Test
    @DisplayName("a course's own 'sh -c' command is kept as the course wrote it, and nothing is wrapped around it")
    void coursesOwnShell() {
        RunnerSpec own = spec("sh", List.of("-c", "python3 {{file}}"), Optional.empty(), false,
                RunnerSpec.Limits.DEFAULT);
        assertThat(policy(request(workspace, own)).argv())
                .containsExactly("sh", "-c", "python3 /workspace/content/01_basics/01_hello/exercise.py");
    }

    @Test
    @DisplayName("the runner's cwd is a folder inside /workspace; one leading out is refused, a missing one named")
    void workingFolder() throws IOException {
        Files.createDirectories(workspace.resolve("runner/java"));
        RunnerSpec inside = spec("sh", List.of("check.sh"), Optional.of("runner/java"), false, RunnerSpec.Limits.DEFAULT);
        assertThat(policy(request(workspace, inside)).workingDir()).isEqualTo("/workspace/runner/java");
        RunnerSpec atExercise = spec("sh", List.of(), Optional.of("{{dir}}"), false, RunnerSpec.Limits.DEFAULT);
        assertThat(policy(request(workspace, atExercise)).workingDir())
                .isEqualTo("/workspace/content/01_basics/01_hello");

        RunnerSpec out = spec("sh", List.of(), Optional.of("runner/../../.."), false, RunnerSpec.Limits.DEFAULT);
        assertThatThrownBy(() -> policy(request(workspace, out))).isInstanceOf(dev.progy.error.UnsafePathException.class)
                .hasMessageContaining("outside the workspace");
        RunnerSpec missing = spec("sh", List.of(), Optional.of("nowhere"), false, RunnerSpec.Limits.DEFAULT);
        assertThatThrownBy(() -> policy(request(workspace, missing))).isInstanceOf(ProgyException.class)
                .hasMessageContaining("'nowhere' does not exist");
    }

    @Test
    @DisplayName("a runner naming its hosts gets them only through the proxy: rules, proxy variables, the hosts in the relaxation")
    void allowlistedNetwork() {
        RunnerSpec named = spec("sh", List.of("runner/check.sh"), Optional.empty(), false, RunnerSpec.Limits.DEFAULT)
                .withNetworkAllow(List.of("pypi.org", "*.npmjs.org"));
        assertThat(policy(request(workspace, named)).egress()).as("without consent").isEmpty();

        SandboxPolicy p = keep(builder(request(workspace, named)).networkConsent(AGREED).build());
        assertThat(p.egress()).hasValueSatisfying(rules -> {
            assertThat(rules.patterns()).containsExactly("pypi.org", "*.npmjs.org");
            assertThat(rules.refusal("files.pypi.org", 443)).isPresent();
            assertThat(rules.refusal("registry.npmjs.org", 443)).isEmpty();
        });
        assertThat(p.relaxations()).containsExactly("network access to pypi.org, *.npmjs.org only, through Progy's "
                + "proxy (the course asks for it; you agreed on 2026-11-25)");
        assertThat(p.environment("http://10.0.0.1:3128")).containsEntry("HTTP_PROXY", "http://10.0.0.1:3128")
                .containsEntry("https_proxy", "http://10.0.0.1:3128").containsEntry("HOME", SandboxPolicy.HOME_PATH)
                .doesNotContainKey("NO_PROXY");
        assertThat(p.environment()).doesNotContainKey("HTTP_PROXY");

        RunnerSpec kept = named.withLimits(RunnerSpec.Limits.DEFAULT.withTimeout(java.time.Duration.ofSeconds(5)));
        assertThat(kept.networkAllow()).as("other limits keep the allowlist").containsExactly("pypi.org", "*.npmjs.org");

        RunnerSpec bad = named.withNetworkAllow(List.of("pypi.org", "http://x.org/"));
        assertThatThrownBy(() -> builder(request(workspace, bad)).networkConsent(AGREED).build())
                .hasMessageContaining("network_access.allow").hasMessageContaining("'http://x.org/'");
    }

    @Test
    @DisplayName("a disk limit above the default is listed as a relaxation, and held to its ceiling")
    void diskLimit() {
        RunnerSpec big = spec("sh", List.of("runner/check.sh"), Optional.empty(), false,
                new RunnerSpec.Limits(java.time.Duration.ofSeconds(20), 512, 1.0, 128, 1_000_000));
        SandboxPolicy p = policy(request(workspace, big));
        assertThat(p.diskLimitBytes()).isEqualTo((long) SandboxPolicy.MAX_DISK_MB << 20);
        assertThat(p.relaxations()).containsExactly("writing up to 65536 MiB to disk (the default is 256 MiB)");
        assertThat(policy(request(workspace)).diskLimitBytes()).isEqualTo(256L << 20);
    }

    @Test
    @DisplayName("the network is reachable only when the course asks for it and the student agreed, and then it is listed")
    void networkNeedsFlagAndConsent() {
        RunnerSpec asks = spec("sh", List.of("runner/check.sh"), Optional.empty(), true, RunnerSpec.Limits.DEFAULT);
        assertThat(policy(request(workspace, asks)).networkAccess()).isFalse();
        assertThat(policy(request(workspace, asks)).relaxations()).isEmpty();
        assertThat(keep(builder(request(workspace)).networkConsent(AGREED).build()).networkAccess()).isFalse();

        SandboxPolicy both = keep(builder(request(workspace, asks)).networkConsent(AGREED).build());
        assertThat(both.networkAccess()).isTrue();
        assertThat(both.relaxations())
                .containsExactly("network access (the course asks for it; you agreed on 2026-11-25)");
    }

    @Test
    @DisplayName("absurd limits are held to the ceilings and floors, and limits above the defaults are listed")
    void limitsClamp() {
        SandboxPolicy huge = policy(SandboxCourse.withTimeout(request(workspace,
                spec("sh", List.of(), Optional.empty(), false, limits(1_000_000, 64, 1_000_000))), Duration.ofDays(1)));
        assertThat(huge.memoryBytes()).isEqualTo(8192L << 20);
        assertThat(huge.memorySwapBytes()).isEqualTo(8192L << 20);
        assertThat(huge.nanoCpus()).isEqualTo(4_000_000_000L); // the host's 4 cores
        assertThat(huge.pidsLimit()).isEqualTo(4096);
        assertThat(huge.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(huge.relaxations()).containsExactly("a time limit of 3600 s (the default is 20 s)",
                "memory up to 8192 MiB (the default is 512 MiB)", "up to 4 CPUs (the default is 1)",
                "up to 4096 processes (the default is 128)");

        SandboxPolicy tiny = policy(SandboxCourse.withTimeout(request(workspace,
                spec("sh", List.of(), Optional.empty(), false, limits(-5, 0, 0))), Duration.ZERO));
        assertThat(tiny.memoryBytes()).isEqualTo(16L << 20);
        assertThat(tiny.nanoCpus()).isEqualTo(100_000_000L);
        assertThat(tiny.pidsLimit()).isEqualTo(8);
        assertThat(tiny.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tiny.relaxations()).isEmpty();

        SandboxPolicy notANumber = policy(request(workspace,
                spec("sh", List.of(), Optional.empty(), false, limits(512, Double.NaN, 128))));
        assertThat(notANumber.nanoCpus()).isEqualTo(1_000_000_000L);
    }

    @Test
    @DisplayName("no host secret and no host path reaches the container; its HOME is its own tmpfs")
    void environmentHoldsNoHostSecret() {
        Map<String, String> host = Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin"), Map.entry("HOME", "/home/ada"),
                Map.entry("USER", "ada"), Map.entry("TMPDIR", "/var/folders/x"), Map.entry("JAVA_HOME", "/jdk"),
                Map.entry("LANG", "en_GB.UTF-8"), Map.entry("LC_ALL", "en_GB.UTF-8"), Map.entry("TZ", "Europe/London"),
                Map.entry("TERM", "xterm-256color"), Map.entry("GITHUB_TOKEN", "ghp_secret"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "aws-secret"), Map.entry("OPENAI_API_KEY", "sk-secret"),
                Map.entry("SSH_AUTH_SOCK", "/run/agent"), Map.entry("PROGY_TOKEN", "progy-secret"),
                Map.entry("DOCKER_HOST", "unix:///run/docker.sock"), Map.entry("LC_SECRET", "lc-secret"));
        RunRequest r = request(workspace, SandboxCourse.HELLO, defaultSpec(), "content", Map.of("COURSE_MODE", "strict"));
        SandboxPolicy p = keep(builder(r).hostEnvironment(host).build());
        assertThat(p.environment()).containsExactly(Map.entry("COURSE_MODE", "strict"), Map.entry("HOME", "/home/progy"),
                Map.entry("LANG", "en_GB.UTF-8"), Map.entry("LC_ALL", "en_GB.UTF-8"),
                Map.entry("PROGY_OUTPUT_DIR", "/progy/out"), Map.entry("TERM", "xterm-256color"),
                Map.entry("TZ", "Europe/London"));
        assertThat(String.join(" ", p.environment().values())).doesNotContain("secret", "/home/ada", "/run");
    }

    @Test
    @DisplayName("Progy's own variables win over the request's, and a secret-looking extra variable is refused")
    void extraVariables() {
        RunRequest r = request(workspace, SandboxCourse.HELLO, defaultSpec(), "content",
                Map.of("PROGY_OUTPUT_DIR", "/elsewhere", "HOME", "/root"));
        assertThat(policy(r).environment()).containsEntry("PROGY_OUTPUT_DIR", "/progy/out").containsEntry("HOME", "/home/progy");
        closePolicies();
        RunRequest secret = request(workspace, SandboxCourse.HELLO, defaultSpec(), "content", Map.of("API_TOKEN", "x"));
        assertThatThrownBy(() -> policy(secret)).isInstanceOf(ProgyException.class).hasMessageContaining("API_TOKEN");
        assertThat(root.resolve("out")).isEmptyDirectory(); // a refused run leaves no output folder behind
    }

    @Test
    @DisplayName("the container is labelled with course, exercise, runner, run, JVM and host so gc can find leftovers")
    void labels() {
        UUID run = UUID.fromString("00000000-0000-4000-8000-000000000042");
        SandboxPolicy p = keep(builder(request(workspace)).runId(run).build());
        assertThat(p.labels()).containsExactly(Map.entry("dev.progy.course", "kit"),
                Map.entry("dev.progy.exercise", "01_basics/01_hello"), Map.entry("dev.progy.host", RunOwner.thisHost()),
                Map.entry("dev.progy.managed", "true"),
                Map.entry("dev.progy.pid", Long.toString(ProcessHandle.current().pid())),
                Map.entry("dev.progy.run", run.toString()), Map.entry("dev.progy.runner", "check"));
        assertThat(p.runId()).isEqualTo(run);
        assertThat(p.containerName()).isEqualTo("progy-" + run);
    }

    @Test
    @DisplayName("two runs get different ids and different output folders")
    void runsAreApart() {
        SandboxPolicy a = policy(request(workspace));
        SandboxPolicy b = policy(request(workspace));
        assertThat(a.runId()).isNotEqualTo(b.runId());
        assertThat(a.outputDir()).isNotEqualTo(b.outputDir());
    }
}
