package dev.progy.sync.backup;

import dev.progy.error.ProgyException;
import dev.progy.spi.ProviderConfig;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceBackupTest {

    /** Retries that take no time: the tests wait for nothing. */
    private static final ProviderConfig FAST = ProviderConfig.of(Map.of(
            WorkspaceBackup.RETRIES_KEY, "2", WorkspaceBackup.BACKOFF_KEY, "0.01", BackupPush.TIMEOUT_KEY, "10"));

    @TempDir
    Path tmp;

    /** A student's workspace whose backup was started on a local bare repository and made its first commit. */
    private record Started(Path ws, Path bare, WorkspaceBackup backup, String branch) { }

    private Started startedOnBareRepository() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start(bare.toString());
        return new Started(ws, bare, backup, backup.backUpNow("first").branch().orElseThrow());
    }

    private WorkspaceBackup backup(Path ws, ProviderConfig config) {
        return WorkspaceBackup.of(ws, config, Clock.systemUTC());
    }

    @Test
    @DisplayName("a backup to a bare repository given as a plain path holds the student's files and none of .progy or the secrets")
    void plainPathRemote() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        WorkspaceBackup backup = backup(ws, FAST);

        backup.start(bare.toString());
        BackupStatus status = backup.backUpNow("Start backing up");

        String branch = status.branch().orElseThrow();
        assertThat(branch).matches("progy/[a-z0-9-]+");
        assertThat(status.pending()).isZero();
        assertThat(status.lastPushAt()).isPresent();
        assertThat(status.lastError()).isEmpty();
        List<String> files = StudentWorkspace.filesAt(bare, branch);
        assertThat(files).containsExactlyInAnyOrder("course.json", "content/01_basics/01_hello/exercise.py",
                "content/01_basics/01_hello/README.md", "notes.md", ".env.example", ".gitignore");
        assertThat(StudentWorkspace.log(bare, branch)).containsExactly("Start backing up");
    }

    @Test
    @DisplayName("a file:// URL works as a remote, and only changes make new commits")
    void fileUrlRemote() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start(bare.toUri().toString());
        String branch = backup.backUpNow("first").branch().orElseThrow();

        backup.backUpNow("nothing changed");
        Files.writeString(ws.resolve("content/01_basics/01_hello/exercise.py"), "print('hello, world')\n");
        backup.backUpNow("Passed 01_basics/01_hello");

        assertThat(StudentWorkspace.log(bare, branch)).containsExactly("Passed 01_basics/01_hello", "first");
    }

    @Test
    @DisplayName("a student's own .git in the workspace is neither touched nor backed up, and no .git file appears")
    void studentsOwnGitIsLeftAlone() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        RevCommit theirs;
        try (Git git = Git.init().setDirectory(ws.toFile()).call()) {
            git.add().addFilepattern("notes.md").call();
            theirs = git.commit().setMessage("my own history").setAuthor("Stu", "stu@example.org")
                    .setCommitter("Stu", "stu@example.org").setSign(false).call();
        }
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start(bare.toString());
        String branch = backup.backUpNow("first").branch().orElseThrow();

        try (Git git = Git.open(ws.toFile())) {
            assertThat(git.getRepository().resolve("HEAD")).isEqualTo(theirs.getId());
            assertThat(git.status().call().getAdded()).isEmpty();
        }
        assertThat(StudentWorkspace.filesAt(bare, branch)).noneMatch(p -> p.startsWith(".git/")).contains("notes.md");

        Path fresh = StudentWorkspace.write(tmp.resolve("fresh"));
        backup(fresh, FAST).start(bare.toString());
        backup(fresh, FAST).backUpNow("first");
        assertThat(fresh.resolve(".git")).doesNotExist();
    }

    @Test
    @DisplayName("over smart HTTP with basic auth the token from the environment logs in and is written nowhere in the workspace")
    void smartHttpWithToken() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        String token = "tok-" + Long.toHexString(System.nanoTime());
        try (SmartHttpGitServer server = SmartHttpGitServer.start(bare, "alice", token)) {
            ProviderConfig withToken = FAST.orElse(ProviderConfig.of(Map.of(
                    BackupCredentials.TOKEN_KEY, token, BackupCredentials.USER_KEY, "alice")));
            WorkspaceBackup backup = backup(ws, withToken);
            backup.start(server.url());
            String branch = backup.backUpNow("over http").branch().orElseThrow();

            assertThat(StudentWorkspace.log(bare, branch)).containsExactly("over http");
            assertThat(server.pushes()).isEqualTo(1);
            assertThat(Files.readString(ws.resolve(".progy/backup.git/config"))).contains(server.url()).doesNotContain(token);
            try (Stream<Path> all = Files.walk(ws)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as(f.toString()).doesNotContain(token);
                }
            }

            Files.writeString(ws.resolve("notes.md"), "more\n");
            assertThatThrownBy(() -> backup(ws, FAST).backUpNow("no token"))
                    .isInstanceOf(ProgyException.class).hasMessageContaining("refused the login")
                    .hasMessageContaining("PROGY_BACKUP_TOKEN");
        }
    }

    @Test
    @DisplayName("a remote URL with a password in it, or an SSH remote, is refused with what to do instead")
    void refusedRemotes() {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        WorkspaceBackup backup = backup(ws, FAST);
        assertThatThrownBy(() -> backup.start("https://alice:s3cret@git.example.org/me/backup.git"))
                .isInstanceOf(ProgyException.class).hasMessageContaining("password or token")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("PROGY_BACKUP_TOKEN"));
        assertThatThrownBy(() -> backup.start("git@git.example.org:me/backup.git"))
                .isInstanceOf(ProgyException.class).hasMessageContaining("ssh");
        assertThat(ws.resolve(".progy/backup.git")).doesNotExist();
        assertThat(backup.status().setUp()).isFalse();
    }

    @Test
    @DisplayName("offline, commits pile up locally; --status shows them pending with the error, and the next push sends them all")
    void offlineThenOnline() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start("http://127.0.0.1:" + port + "/backup.git");
        for (int i = 1; i <= 3; i++) {
            Files.writeString(ws.resolve("notes.md"), "day " + i + "\n");
            backup.backUpInBackground("Passed exercise " + i);
        }
        BackupStatus offline = backup.status();
        assertThat(offline.pending()).isEqualTo(3);
        assertThat(offline.lastError()).get().asString().contains("could not push to http://127.0.0.1:" + port);
        assertThat(offline.lastErrorAt()).isPresent();
        assertThat(offline.lastPushAt()).isEmpty();
        assertThat(offline.lastCommit()).get().extracting(BackupStatus.Commit::message).isEqualTo("Passed exercise 3");

        try (SmartHttpGitServer server = SmartHttpGitServer.start(bare, null, null, port)) {
            backup.backUpInBackground("nothing new");
            String branch = offline.branch().orElseThrow();
            assertThat(StudentWorkspace.log(bare, branch))
                    .containsExactly("Passed exercise 3", "Passed exercise 2", "Passed exercise 1");
            BackupStatus online = backup.status();
            assertThat(online.pending()).isZero();
            assertThat(online.lastError()).isEmpty();
            assertThat(online.lastPushAt()).isPresent();
            assertThat(server.pushes()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a background push retries a host that fails for a while, and gives up after the set number of retries")
    void retriesWithBackoff() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        try (SmartHttpGitServer server = SmartHttpGitServer.start(bare, null, null)) {
            WorkspaceBackup backup = backup(ws, FAST); // 2 retries
            backup.start(server.url());
            server.failNextPushes(2);
            backup.backUpInBackground("third time lucky");
            assertThat(server.pushAttempts()).isEqualTo(3);
            assertThat(backup.status().pending()).isZero();
            assertThat(backup.status().lastError()).isEmpty();

            Files.writeString(ws.resolve("notes.md"), "changed\n");
            server.failNextPushes(10);
            backup.backUpInBackground("host down");
            assertThat(server.pushAttempts()).isEqualTo(3 + 3);
            assertThat(backup.status().pending()).isEqualTo(1);
            assertThat(backup.status().lastError()).get().asString().contains("503");
        }
    }

    @Test
    @DisplayName("--now says clearly that the remote is unreachable, and the work stays committed locally")
    void nowWithRemoteDown() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start("http://127.0.0.1:" + port + "/backup.git");
        assertThatThrownBy(() -> backup.backUpNow("by hand"))
                .isInstanceOf(ProgyException.class).hasMessageContaining("could not push to http://127.0.0.1:" + port)
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("committed locally"));
        assertThat(backup.status().pending()).isEqualTo(1);
        assertThat(backup.status().lastCommit()).get().extracting(BackupStatus.Commit::message).isEqualTo("by hand");
    }

    @Test
    @DisplayName("two devices of one student push to one remote on branches of their own, without conflict")
    void twoDevices() throws Exception {
        Path laptop = StudentWorkspace.write(tmp.resolve("laptop"));
        Path desktop = StudentWorkspace.write(tmp.resolve("desktop"));
        Path bare = StudentWorkspace.bareRepository(tmp.resolve("remote.git"));
        WorkspaceBackup a = backup(laptop, FAST);
        WorkspaceBackup b = backup(desktop, FAST);
        a.start(bare.toString());
        b.start(bare.toString());
        for (int i = 1; i <= 2; i++) {
            Files.writeString(laptop.resolve("notes.md"), "laptop " + i + "\n");
            Files.writeString(desktop.resolve("notes.md"), "desktop " + i + "\n");
            a.backUpNow("laptop " + i);
            b.backUpNow("desktop " + i);
        }
        String branchA = a.status().branch().orElseThrow();
        String branchB = b.status().branch().orElseThrow();
        assertThat(branchA).isNotEqualTo(branchB);
        assertThat(StudentWorkspace.branches(bare)).containsExactlyInAnyOrder(branchA, branchB);
        assertThat(StudentWorkspace.log(bare, branchA)).containsExactly("laptop 2", "laptop 1");
        assertThat(StudentWorkspace.log(bare, branchB)).containsExactly("desktop 2", "desktop 1");
        assertThat(a.status().lastError()).isEmpty();
        assertThat(b.status().lastError()).isEmpty();
        assertThat(Files.readString(laptop.resolve(".progy/device-id")).trim()).isEqualTo(branchA.substring("progy/".length()));
    }

    @Test
    @DisplayName("--off stops the backup after runs and keeps the repository; turning it on again continues the history")
    void offKeepsTheRepository() throws Exception {
        Started started = startedOnBareRepository();
        Path ws = started.ws();
        Path bare = started.bare();
        WorkspaceBackup backup = started.backup();
        String branch = started.branch();

        assertThat(backup.off()).isTrue();
        Files.writeString(ws.resolve("notes.md"), "while off\n");
        backup.backUpInBackground("should not happen");
        BackupStatus off = backup.status();
        assertThat(off.setUp()).isTrue();
        assertThat(off.on()).isFalse();
        assertThat(WorkspaceBackup.isOn(ws)).isFalse();
        assertThat(off.lastCommit()).get().extracting(BackupStatus.Commit::message).isEqualTo("first");
        assertThatThrownBy(() -> backup.backUpNow("by hand")).hasMessageContaining("is off");

        backup.start(bare.toString());
        backup.backUpNow("back on");
        assertThat(StudentWorkspace.log(bare, branch)).containsExactly("back on", "first");
    }

    @Test
    @DisplayName("a backup killed mid-commit leaves an index.lock that does not block the next one")
    void staleIndexLock() throws Exception {
        Started started = startedOnBareRepository();
        Path ws = started.ws();
        WorkspaceBackup backup = started.backup();
        Files.writeString(ws.resolve(".progy/backup.git/index.lock"), "");
        Files.writeString(ws.resolve("notes.md"), "after the crash\n");

        BackupStatus status = backup.backUpNow("after a crash");

        assertThat(status.lastCommit()).get().extracting(BackupStatus.Commit::message).isEqualTo("after a crash");
        assertThat(status.pending()).isZero();
    }

    @Test
    @DisplayName("a remote that is not a git repository is reported as such, not retried as a network failure")
    void missingRemoteRepository() throws Exception {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        WorkspaceBackup backup = backup(ws, FAST);
        backup.start(tmp.resolve("no-such.git").toString());
        assertThatThrownBy(() -> backup.backUpNow("first"))
                .isInstanceOf(ProgyException.class).hasMessageContaining("no git repository at");
    }

    @Test
    @DisplayName("changing a file while backups are off and back on makes one commit; deleting a file removes it from the backup")
    void deletionsAreBackedUp() throws Exception {
        Started started = startedOnBareRepository();
        Path ws = started.ws();
        Path bare = started.bare();
        WorkspaceBackup backup = started.backup();
        String branch = started.branch();
        Files.delete(ws.resolve("notes.md"));
        backup.backUpNow("deleted notes");
        assertThat(StudentWorkspace.filesAt(bare, branch)).doesNotContain("notes.md").contains("course.json");
    }

    @Test
    @DisplayName("an unreadable setting never makes a background backup throw: it is recorded instead")
    void backgroundNeverThrows() throws IOException {
        Path ws = StudentWorkspace.write(tmp.resolve("ws"));
        WorkspaceBackup backup = backup(ws, ProviderConfig.of(Map.of(WorkspaceBackup.RETRIES_KEY, "many")));
        backup.start(tmp.resolve("nowhere.git").toString());
        backup.backUpInBackground("first");
        assertThat(backup.status().lastError()).isPresent();
        assertThat(backup.status().pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("backups started at the same moment take turns: every change is committed once and everything is pushed")
    void concurrentBackups() throws Exception {
        Started started = startedOnBareRepository();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Files.writeString(started.ws().resolve("file" + i + ".txt"), "change " + i + "\n");
            int n = i;
            threads.add(new Thread(() -> started.backup().backUpInBackground("pass " + n)));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        BackupStatus status = started.backup().status();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.pending()).isZero();
        assertThat(StudentWorkspace.filesAt(started.bare(), started.branch()))
                .contains("file1.txt", "file2.txt", "file3.txt", "file4.txt");
        assertThat(StudentWorkspace.log(started.bare(), started.branch())).hasSizeBetween(2, 5).endsWith("first");
    }
}
