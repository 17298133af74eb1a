package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackupCommandTest {

    /** Passes when the student wrote "solved" into the exercise. */
    private static final String CHECK = "grep -q solved \"$2/exercise.py\"\n";
    private static final String EXERCISE = "content/01_basics/01_a/exercise.py";

    @TempDir
    Path tmp;
    CliHarness cli;
    Path ws;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
        ShellCourse.write(tmp.resolve("course"), 20, CHECK, "01_a");
        CliHarness.Result init = cli.run("init", "course", "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        ws = tmp.resolve("ws");
    }

    @Test
    @DisplayName("a passing run commits and pushes the student's work in the background; a failing run starts no backup")
    void passingRunIsBackedUp() throws Exception {
        Path bare = bareRepository();
        CliHarness.Result on = cli.run("backup", "--remote", "remote.git", "-C", "ws");
        assertThat(on.code()).as(on.toString()).isZero();
        assertThat(on.out()).contains("Backup on").contains(bare.toString()).contains("branch progy/");
        assertThat(on.err()).isEmpty();

        CliHarness.Result failing = cli.run("run", "-C", "ws");
        assertThat(failing.code()).as(failing.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(cli.background).isEmpty();

        Files.writeString(ws.resolve(EXERCISE), "solved\n");
        CliHarness.Result passing = cli.run("run", "-C", "ws");
        assertThat(passing.code()).as(passing.toString()).isZero();
        assertThat(awaitBackgroundBackups()).containsExactly(0);

        JsonNode status = status();
        String branch = status.get("branch").asText();
        assertThat(log(bare, branch)).containsExactly("Passed 01_basics/01_a", "Start backing up");
        assertThat(fileAt(bare, branch, EXERCISE)).isEqualTo("solved\n");
        assertThat(status.get("pending").asInt()).isZero();
        assertThat(status.has("lastError")).isFalse();
        assertThat(status.get("lastCommit").get("message").asText()).isEqualTo("Passed 01_basics/01_a");
    }

    @Test
    @DisplayName("with the remote down, a passing run prints and exits as it would without a backup, and does not wait for the push")
    void remoteDownLeavesTheRunAlone() throws Exception {
        Files.writeString(ws.resolve(EXERCISE), "solved\n");
        assertThat(cli.run("run", "01_a", "-C", "ws").code()).isZero(); // the first pass also shows its XP
        CliHarness.Result withoutBackup = cli.run("run", "01_a", "-C", "ws");
        assertThat(withoutBackup.code()).as(withoutBackup.toString()).isZero();

        // a host that takes connections and never answers: a push hangs until its timeout
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/backup.git";
            cli.env.put("PROGY_BACKUP_TIMEOUT", "1");
            CliHarness.Result on = cli.run("backup", "--remote", url, "-C", "ws");
            assertThat(on.code()).as(on.toString()).isZero();
            assertThat(on.err()).contains("warning: the backup is on, but the remote did not take the first push");

            cli.env.put("PROGY_BACKUP_TIMEOUT", "60");
            cli.env.put("PROGY_BACKUP_RETRIES", "0");
            Files.writeString(ws.resolve("notes.md"), "my notes\n");
            CliHarness.Result withBackup = cli.run("run", "01_a", "-C", "ws");

            assertThat(withBackup.code()).isEqualTo(withoutBackup.code());
            assertThat(timeless(withBackup.out())).isEqualTo(timeless(withoutBackup.out()));
            assertThat(withBackup.err()).isEqualTo(withoutBackup.err());
            assertThat(cli.background).hasSize(1);
            assertThat(cli.background.get(0).isAlive()).as("the backup still runs after the run returned").isTrue();
        }
        assertThat(awaitBackgroundBackups()).containsExactly(0);
        JsonNode status = status();
        assertThat(status.get("pending").asInt()).isEqualTo(2);
        assertThat(status.get("lastError").asText()).contains("could not push to http://127.0.0.1:");
        assertThat(status.has("lastPushAt")).isFalse();

        CliHarness.Result now = cli.run("backup", "--now", "-C", "ws");
        assertThat(now.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(now.err()).contains("error: could not push to http://127.0.0.1:").contains("committed locally")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    @DisplayName("--remote to a folder or URL with no repository fails with exit 5 and the reason, and leaves the backup off")
    void remoteThatDoesNotExist() throws IOException {
        CliHarness.Result missing = cli.run("backup", "--remote", "nowhere.git", "-C", "ws");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(missing.err()).contains(tmp.resolve("nowhere.git") + " does not exist", "git init --bare")
                .doesNotContain("Exception", "warning");

        Path notARepository = Files.createDirectories(tmp.resolve("empty-folder"));
        CliHarness.Result url = cli.run("backup", "--remote", notARepository.toUri().toString(), "-C", "ws");
        assertThat(url.code()).as(url.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(url.err()).contains("the backup was not turned on", "no git repository at")
                .doesNotContain("Exception", "warning");
        assertThat(status().path("on").asBoolean()).isFalse();

        Files.writeString(ws.resolve(EXERCISE), "solved\n");
        assertThat(cli.run("run", "-C", "ws").code()).isZero();
        assertThat(cli.background).as("no backup starts after a run").isEmpty();
    }

    @Test
    @DisplayName("--off stops the backup after runs and keeps the repository; --status says so")
    void offStopsBackups() throws Exception {
        bareRepository();
        assertThat(cli.run("backup", "--remote", "remote.git", "-C", "ws").code()).isZero();
        CliHarness.Result off = cli.run("backup", "--off", "-C", "ws");
        assertThat(off.code()).isZero();
        assertThat(off.out()).contains("Backup off");

        Files.writeString(ws.resolve(EXERCISE), "solved\n");
        assertThat(cli.run("run", "-C", "ws").code()).isZero();
        assertThat(cli.background).isEmpty();
        CliHarness.Result status = cli.run("backup", "--status", "-C", "ws");
        assertThat(status.out()).contains("Backup off").contains("Start backing up").contains("pending:     nothing");
        assertThat(ws.resolve(".progy/backup.git")).isDirectory();
    }

    @Test
    @DisplayName("backup without a set-up says how to set one up; two actions at once are a usage error; a password in the URL is refused")
    void mistakes() {
        CliHarness.Result none = cli.run("backup", "-C", "ws");
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("progy backup --remote <url>");
        CliHarness.Result now = cli.run("backup", "--now", "-C", "ws");
        assertThat(now.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(now.err()).contains("not set up").contains("progy backup --remote");
        CliHarness.Result both = cli.run("backup", "--now", "--off", "-C", "ws");
        assertThat(both.code()).isEqualTo(ExitCode.USAGE);
        CliHarness.Result secret = cli.run("backup", "--remote", "https://me:hunter2@git.example.org/b.git", "-C", "ws");
        assertThat(secret.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(secret.err()).contains("PROGY_BACKUP_TOKEN").doesNotContain("hunter2");
    }

    private Path bareRepository() throws Exception {
        Path bare = tmp.resolve("remote.git"); // `--remote remote.git` is resolved against the working folder
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        return bare;
    }

    /** Waits for every background backup the commands started; their exit codes. */
    private List<Integer> awaitBackgroundBackups() throws InterruptedException {
        List<Integer> codes = new ArrayList<>();
        for (Process p : cli.background) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the background backup ends").isTrue();
            codes.add(p.exitValue());
        }
        cli.background.clear();
        return codes;
    }

    private JsonNode status() {
        CliHarness.Result r = cli.run("backup", "--status", "--json", "-C", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        return CliJson.parse(r.out());
    }

    private static String timeless(String out) {
        return out.replaceAll("[0-9]+([.,][0-9]+)? ?(ms|s)\\b", "<t>");
    }

    private static List<String> log(Path gitDir, String branch) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = repo.resolve("refs/heads/" + branch);
            assertThat(tip).as("branch " + branch + " on the remote").isNotNull();
            walk.markStart(walk.parseCommit(tip));
            List<String> messages = new ArrayList<>();
            for (RevCommit c : walk) {
                messages.add(c.getShortMessage());
            }
            return messages;
        }
    }

    private static String fileAt(Path gitDir, String branch, String path) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(repo.resolve("refs/heads/" + branch));
            try (TreeWalk tw = TreeWalk.forPath(repo, path, tip.getTree())) {
                return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
