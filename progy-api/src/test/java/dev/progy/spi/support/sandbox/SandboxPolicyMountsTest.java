package dev.progy.spi.support.sandbox;

import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.Exercise;
import dev.progy.spi.RunRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static dev.progy.spi.support.sandbox.SandboxCourse.HELLO;
import static dev.progy.spi.support.sandbox.SandboxCourse.defaultSpec;
import static dev.progy.spi.support.sandbox.SandboxCourse.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What of the host is mounted, as whom, and what is refused whatever the course says. */
class SandboxPolicyMountsTest {

    @TempDir
    Path root;
    Path workspace;
    Path outputParent;
    Path home;

    @BeforeEach
    void writeWorkspace() throws IOException {
        workspace = SandboxCourse.workspace(root);
        outputParent = Files.createDirectories(root.resolve("out"));
        home = Files.createDirectories(root.resolve("home/ada"));
    }

    private SandboxPolicy policy(RunRequest request) {
        return SandboxPolicy.builder(request).homeFolder(home).outputParent(outputParent)
                .hostEnvironment(Map.of()).build();
    }

    private void assertRefused(RunRequest request, String message) {
        assertThatThrownBy(() -> policy(request).close()).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(message);
        assertThat(outputParent).isEmptyDirectory(); // a refused run leaves nothing behind
    }

    @Test
    @DisplayName("the workspace is mounted read-only, the exercise folder and a fresh output folder read-write")
    void threeMounts() throws IOException {
        try (SandboxPolicy p = policy(request(workspace))) {
            Path real = workspace.toRealPath();
            assertThat(p.mounts()).containsExactly(
                    new BindMount(real, "/workspace", true),
                    new BindMount(real.resolve("content/01_basics/01_hello"), "/workspace/content/01_basics/01_hello", false),
                    new BindMount(p.outputDir(), "/progy/out", false));
            assertThat(p.outputDir()).isEmptyDirectory().hasParent(outputParent.toRealPath());
            assertThat(p.outputDir().startsWith(real)).isFalse();
        }
    }

    @Test
    @DisplayName("Progy's state folder and a git repository at the workspace root are hidden under empty read-only masks")
    void stateHidden() throws IOException {
        try (SandboxPolicy p = policy(request(workspace))) {
            assertThat(p.tmpfsMounts()).extracting(TmpfsMount::target).containsExactly("/tmp", "/home/progy", "/workspace/.progy");
        }
        Files.createDirectories(workspace.resolve(".git"));
        try (SandboxPolicy p = policy(request(workspace))) {
            assertThat(p.tmpfsMounts()).extracting(TmpfsMount::target)
                    .containsExactly("/tmp", "/home/progy", "/workspace/.progy", "/workspace/.git");
            assertThat(p.tmpfsMounts().get(2).options()).contains("ro", "noexec");
        }
    }

    @Test
    @DisplayName("closing the policy deletes the output folder and what the run wrote there")
    void closeDeletesOutput() throws IOException {
        SandboxPolicy p = policy(request(workspace));
        Files.writeString(p.outputDir().resolve(ResultProtocol.RESULTS_FILE), "{}");
        p.close();
        assertThat(p.outputDir()).doesNotExist();
    }

    @Test
    @DisplayName("an exercise folder that is a link leading outside the workspace is refused")
    void exerciseLinkOutRefused() throws IOException {
        Path outside = Files.createDirectories(root.resolve("secrets"));
        Path exercise = workspace.resolve("content/01_basics/01_hello");
        deleteTree(exercise);
        Files.createSymbolicLink(exercise, outside);
        assertRefused(request(workspace), "link leading outside the workspace");
    }

    @Test
    @DisplayName("a module folder that is a link leading outside the workspace is refused")
    void moduleLinkOutRefused() throws IOException {
        Path outside = Files.createDirectories(root.resolve("elsewhere/01_hello"));
        deleteTree(workspace.resolve("content/01_basics"));
        Files.createSymbolicLink(workspace.resolve("content/01_basics"), outside.getParent());
        assertRefused(request(workspace), "link leading outside the workspace");
    }

    @Test
    @DisplayName("an exercise folder reached through a link inside the workspace is refused too")
    void exerciseLinkInsideRefused() throws IOException {
        Path other = Files.createDirectories(workspace.resolve("content/02_more/01_other"));
        Path exercise = workspace.resolve("content/01_basics/01_hello");
        deleteTree(exercise);
        Files.createSymbolicLink(exercise, other);
        assertRefused(request(workspace), "reached through a link");
    }

    @Test
    @DisplayName("a workspace at /, at the home folder, holding the home folder, or at /etc is refused")
    void systemFoldersRefused() {
        assertRefused(request(Path.of("/")), "root of the file system");
        assertRefused(request(Path.of("/etc")), "system folder /etc");
        assertRefused(request(Path.of("/usr/share")), "inside the system folder /usr");
        assertRefused(request(Path.of("/tmp")), "/tmp");
        assertRefused(request(home), "your home folder");
        assertRefused(request(home.getParent()), "holds your home folder");
    }

    @Test
    @DisplayName("a workspace that is a link to a system folder is refused by its real path")
    void linkToSystemFolderRefused() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("innocent"), Path.of("/etc"));
        assertRefused(request(link), "/etc");
    }

    @Test
    @DisplayName("exercise ids with '..' or shell characters are refused before anything is mounted")
    void unsafeIdsRefused() {
        assertRefused(request(workspace, SandboxCourse.exercise("..", "01_hello"), defaultSpec(), "content", Map.of()),
                "'..'");
        assertRefused(request(workspace, SandboxCourse.exercise("01_basics", "01_hello;rm -rf ~"), defaultSpec(),
                "content", Map.of()), "unsafe");
        assertRefused(request(workspace, SandboxCourse.exercise("01_basics", "$(id)"), defaultSpec(),
                "content", Map.of()), "unsafe");
    }

    @Test
    @DisplayName("a course whose exercises folder points out of the workspace is refused")
    void exercisesFolderOutRefused() {
        assertRefused(request(workspace, HELLO, defaultSpec(), "../../..", Map.of()), "outside the workspace");
        assertRefused(request(workspace, HELLO, defaultSpec(), ".progy", Map.of()), "hidden from course code");
    }

    @Test
    @DisplayName("a missing exercise folder is named, not mounted")
    void missingExercise() {
        Exercise gone = SandboxCourse.exercise("01_basics", "02_gone");
        assertThatThrownBy(() -> policy(request(workspace, gone, defaultSpec(), "content", Map.of())))
                .isInstanceOf(ProgyException.class).hasMessageContaining("is missing from the workspace");
        assertThat(outputParent).isEmptyDirectory();
    }

    @Test
    @DisplayName("the container runs as the workspace's owner, who also owns the output folder")
    void runsAsOwner() throws IOException {
        int me = (Integer) Files.getAttribute(workspace, "unix:uid");
        int owner = me;
        if (me == 0) { // as root, hand the workspace to a student
            owner = 4321;
            Files.setAttribute(workspace, "unix:uid", owner);
            Files.setAttribute(workspace, "unix:gid", owner);
        }
        try (SandboxPolicy p = policy(request(workspace))) {
            assertThat(p.uid()).isEqualTo(owner);
            assertThat(p.user()).startsWith(owner + ":");
            assertThat(Files.getAttribute(p.outputDir(), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(owner);
        }
    }

    @Test
    @DisplayName("a workspace owned by root runs as nobody:nogroup, never as root")
    void rootOwnedRunsAsNobody() throws IOException {
        Assumptions.assumeTrue((Integer) Files.getAttribute(workspace, "unix:uid") == 0,
                "only root can make a root-owned workspace");
        try (SandboxPolicy p = policy(request(workspace))) {
            assertThat(p.user()).isEqualTo("65534:65534");
            assertThat(Files.getAttribute(p.outputDir(), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(65534);
        }
        assertThat(ContainerUser.forOwner(0, 0)).isEqualTo(new ContainerUser(65534, 65534));
        assertThat(ContainerUser.forOwner(1000, 0)).isEqualTo(new ContainerUser(1000, 65534));
    }

    @Test
    @DisplayName("a kept output folder (warm re-runs) is mounted as it is, must be empty, and outlives the policy")
    void keptOutputFolder() throws IOException {
        Path kept = Files.createDirectories(outputParent.resolve("kept"));
        SandboxPolicy p = SandboxPolicy.builder(request(workspace)).homeFolder(home).outputFolder(kept)
                .hostEnvironment(Map.of()).build();
        assertThat(p.outputDir()).isEqualTo(kept.toRealPath());
        assertThat(p.mounts()).contains(new BindMount(kept.toRealPath(), "/progy/out", false));
        Files.writeString(kept.resolve(ResultProtocol.RESULTS_FILE), "{}");
        p.close();
        assertThat(kept.resolve(ResultProtocol.RESULTS_FILE)).exists();
        assertThatThrownBy(() -> SandboxPolicy.builder(request(workspace)).homeFolder(home).outputFolder(kept).build())
                .isInstanceOf(ProgyException.class).hasMessageContaining("is not empty");
        Path inside = Files.createDirectories(workspace.resolve("content/out"));
        assertThatThrownBy(() -> SandboxPolicy.builder(request(workspace)).homeFolder(home).outputFolder(inside).build())
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("apart from the workspace");
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
