package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.model.ProgressRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A workspace's progress is one thing")
class ProgressStoreTest {

    private static final String FIRST = "01_basics/01_first";
    private static final String FIRST_JSON = "/exercises/" + FIRST.replace("/", "~1");

    @TempDir
    Path tmp;

    private CliHarness workspace(String name) {
        return ShellCourse.failingWorkspace(tmp, name);
    }

    private static int attempts(CliHarness cli, String ws) {
        CliHarness.Result r = cli.run("progress", "--json", "-C", ws);
        assertThat(r.code()).as(r.toString()).isZero();
        return CliJson.parse(r.out()).at(FIRST_JSON + "/attempts").asInt();
    }

    private Path configHome() {
        return tmp.resolve(".config-home");
    }

    @Test
    @DisplayName("progress made while PROGY_SYNC_SERVER was set for one command and without it for the next is all shown, either way")
    void notSplitByOneCommandsEnvironment() {
        CliHarness cli = workspace("ws");
        CliHarness withServer = new CliHarness(tmp);
        withServer.env.put("PROGY_SYNC_SERVER", "http://127.0.0.1:9");
        withServer.env.put("PROGY_SYNC_TOKEN", "t0ken");
        withServer.env.put("PROGY_SYNC_BACKGROUND", "0");

        assertThat(withServer.run("run", FIRST, "-C", "ws").code()).isEqualTo(ExitCode.FAILED);
        assertThat(cli.run("run", FIRST, "-C", "ws").code()).isEqualTo(ExitCode.FAILED);

        assertThat(attempts(cli, "ws")).as("without the server set").isEqualTo(2);
        assertThat(attempts(withServer, "ws")).as("with the server set").isEqualTo(2);
    }

    @Test
    @DisplayName("a workspace that synced before stores were recorded keeps showing its database, and records it")
    void workspaceFromBeforeTheRecord() throws IOException {
        CliHarness cli = workspace("ws");
        CliHarness withServer = new CliHarness(tmp);
        withServer.env.put("PROGY_SYNC_SERVER", "http://127.0.0.1:9");
        withServer.env.put("PROGY_SYNC_TOKEN", "t0ken");
        withServer.env.put("PROGY_SYNC_BACKGROUND", "0");
        assertThat(withServer.run("run", FIRST, "-C", "ws").code()).isEqualTo(ExitCode.FAILED);
        Path record = tmp.resolve("ws/.progy/workspace.json");
        Files.writeString(record, Files.readString(record).replaceAll(",\\s*\"progressStore\"\\s*:\\s*\"sqlite\"", ""));
        assertThat(Files.readString(record)).doesNotContain("progressStore");

        assertThat(attempts(cli, "ws")).isEqualTo(1);
        assertThat(Files.readString(record)).contains("\"progressStore\" : \"sqlite\"");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("progress made before sync was set up stays visible and is sent; the saved server and token serve later runs")
    void savedSyncSettings() throws Exception {
        try (HubOnLoopback server = new HubOnLoopback(tmp)) {
            CliHarness cli = workspace("ws");
            assertThat(cli.run("run", FIRST, "-C", "ws").code()).isEqualTo(ExitCode.FAILED);

            CliHarness.Result sync = cli.run("sync", "-C", "ws", "--server", server.url(), "--token", server.token);

            assertThat(sync.code()).as(sync.toString()).isZero();
            assertThat(sync.out()).contains("Saved: this workspace syncs with " + server.url(),
                    "Saved: your token for " + server.url(), "readable only by you", "Synced: sent 2 records");
            assertThat(attempts(cli, "ws")).as("the progress made before sync was set up").isEqualTo(1);
            assertThat(awaitAttemptsOnServer(server, 1)).isEqualTo(1);
            Path ws = tmp.resolve("ws");
            assertThat(ws.resolve(".progy/progress-shell-course.json.migrated")).as("the old file, kept").isRegularFile();
            assertThat(ws.resolve(".progy/progress-shell-course.json")).doesNotExist();

            // neither flags nor environment from now on
            CliHarness.Result again = cli.run("run", FIRST, "-C", "ws");
            assertThat(again.code()).as(again.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(attempts(cli, "ws")).isEqualTo(2);
            assertThat(awaitAttemptsOnServer(server, 2)).as("sent by the background sync").isEqualTo(2);
            CliHarness.Result plain = cli.run("sync", "--json", "-C", "ws");
            assertThat(plain.code()).as(plain.toString()).isZero();

            Path tokens = configHome().resolve("progy/credentials.json");
            assertThat(Files.getPosixFilePermissions(tokens)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(tokens)).contains(server.token);
            assertThat(filesHolding(ws, server.token)).as("files in the workspace holding the token").isEmpty();
            for (CliHarness.Result r : List.of(sync, again, plain)) {
                assertThat(r.out() + r.err()).doesNotContain(server.token);
            }
        }
    }

    @Test
    @DisplayName("progy sync --forget removes the saved server and token; the next sync says how to set one up")
    void forget() throws Exception {
        CliHarness cli = workspace("ws");
        try (HubOnLoopback server = new HubOnLoopback(tmp)) {
            assertThat(cli.run("sync", "-C", "ws", "--server", server.url(), "--token", server.token).code()).isZero();

            CliHarness.Result forget = cli.run("sync", "--forget", "-C", "ws");

            assertThat(forget.code()).as(forget.toString()).isZero();
            assertThat(forget.out()).contains("Forgot this workspace's sync server (" + server.url() + ")",
                    "the token saved for " + server.url()).doesNotContain(server.token);
            assertThat(Files.readString(configHome().resolve("progy/credentials.json"))).doesNotContain(server.token);
            assertThat(Files.readString(tmp.resolve("ws/.progy/workspace.json"))).doesNotContain(server.url());
            CliHarness.Result sync = cli.run("sync", "-C", "ws");
            assertThat(sync.code()).isEqualTo(ExitCode.USER_ERROR);
            assertThat(sync.err()).contains("No sync server is configured", "progy sync --server <url> --token <token>");
        }
    }

    @Test
    @DisplayName("a server saved without a token for it is kept, and a sync asks for the token, naming the server")
    void serverWithoutToken() {
        CliHarness cli = workspace("ws");

        CliHarness.Result sync = cli.run("sync", "-C", "ws", "--server", "http://127.0.0.1:9");

        assertThat(sync.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(sync.err()).contains("No token is saved for the sync server http://127.0.0.1:9",
                "progy sync --server http://127.0.0.1:9 --token <token>");
        assertThat(sync.out()).contains("Saved: this workspace syncs with http://127.0.0.1:9");
        assertThat(cli.run("sync", "-C", "ws").err()).as("the saved server, still without a token")
                .contains("No token is saved for the sync server http://127.0.0.1:9");
    }

    @Test
    @DisplayName("a run whose progress cannot be saved still shows its whole result, then says which file and what to do")
    void unwritableProgress() throws IOException {
        CliHarness cli = workspace("ws");
        Path progy = tmp.resolve("ws/.progy");
        // root writes through any mode bits: a folder where the lock file must go stops the write for everyone
        Files.deleteIfExists(progy.resolve("progress-shell-course.json.lock"));
        Files.createDirectories(progy.resolve("progress-shell-course.json.lock"));

        CliHarness.Result run = cli.run("run", FIRST, "-C", "ws");

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains(FIRST, "failed");
        assertThat(run.err()).contains("Progress not saved.", progy.resolve("progress-shell-course.json").toString(),
                "cannot be written", "is a folder, not a file", "chmod -R u+w " + progy);
        assertThat(run.err()).doesNotContain("Exception", "AccessDenied");
        assertThat(run.err().lines().filter(l -> l.contains("Progress not saved"))).hasSize(1);

        CliHarness.Result json = cli.run("run", FIRST, "--json", "-C", "ws");
        JsonNode n = CliJson.parse(json.out());
        assertThat(n.get("status").asText()).isEqualTo("fail");
        assertThat(n.get("progressSaved").asBoolean()).isFalse();
        assertThat(n.at("/progressNotSaved/error").asText()).contains("cannot be written");
    }

    @Test
    @DisplayName("a progress database that cannot be written is read, so the run shows its result and says why it was not saved")
    void unwritableProgressDatabase() throws IOException {
        CliHarness cli = workspace("ws");
        cli.run("sync", "-C", "ws", "--server", "http://127.0.0.1:9", "--token", "t0ken"); // offline: moves to the database
        cli.env.put("PROGY_SYNC_BACKGROUND", "0");
        assertThat(cli.run("run", FIRST, "-C", "ws").code()).isEqualTo(ExitCode.FAILED);
        // root writes through any mode bits: a folder where the database's write-ahead log must go stops the writer
        Path wal = tmp.resolve("ws/.progy/progress.db-wal");
        assertThat(wal).as("checkpointed away when the last command closed the database").doesNotExist();
        Files.createDirectories(wal);

        CliHarness.Result run = cli.run("run", FIRST, "-C", "ws");

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains(FIRST, "failed");
        assertThat(run.err()).contains("Progress not saved.", tmp.resolve("ws/.progy/progress.db").toString());
        assertThat(run.err()).doesNotContain("Exception", "SQLITE");
        assertThat(attempts(cli, "ws")).as("still readable").isEqualTo(1);
    }

    @Test
    @DisplayName("a damaged progress file is named with what is wrong in plain words, and its last good copy is the way back")
    void damagedProgressFile() throws IOException {
        CliHarness cli = workspace("ws");
        cli.run("run", FIRST, "-C", "ws");
        cli.run("run", FIRST, "-C", "ws");
        Path file = tmp.resolve("ws/.progy/progress-shell-course.json");
        String good = Files.readString(file);
        Files.writeString(file, good.substring(0, good.length() / 2)); // cut short, as by a full disk

        CliHarness.Result list = cli.run("list", "-C", "ws");

        assertThat(list.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(list.err()).contains("The progress file " + file + " is damaged: it is not valid JSON: it ends in the middle",
                "cp " + file + ".bak " + file);
        assertThat(list.err()).doesNotContain("Unexpected", "end-of-input", "marker", "Source:", "Exception");

        Files.copy(Path.of(file + ".bak"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(attempts(cli, "ws")).as("the last good copy, one run behind").isEqualTo(1);
    }

    @Test
    @DisplayName("a damaged .progy/workspace.json is named with what is wrong and the last good copy to put back")
    void damagedWorkspaceRecord() throws IOException {
        CliHarness cli = workspace("ws");
        assertThat(cli.run("list", "-C", "ws").code()).isZero(); // records the progress store: the previous one is kept
        Path record = tmp.resolve("ws/.progy/workspace.json");
        Files.writeString(record, "{\"courseId\": \"shell-course\", \"source\": ");

        CliHarness.Result list = cli.run("list", "-C", "ws");

        assertThat(list.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(list.err()).contains("The workspace record " + record + " is damaged: it is not valid JSON",
                "cp " + record + ".bak " + record);
        assertThat(list.err()).doesNotContain("Unexpected", "end-of-input", "marker", "Source:", "Exception");

        Files.copy(Path.of(record + ".bak"), record, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(cli.run("list", "-C", "ws").code()).isZero();
    }

    @Test
    @DisplayName("a damaged progress database is named, with what to do, never the database driver's text")
    void damagedProgressDatabase() throws IOException {
        CliHarness cli = workspace("ws");
        CliHarness.Result sync = cli.run("sync", "-C", "ws", "--server", "http://127.0.0.1:9", "--token", "t0ken");
        assertThat(sync.err()).contains("Could not reach the sync server").doesNotContain("ConnectException");
        Path db = tmp.resolve("ws/.progy/progress.db");
        assertThat(db).isRegularFile();
        for (String leftover : List.of("progress.db-wal", "progress.db-shm")) {
            Files.deleteIfExists(db.resolveSibling(leftover));
        }
        Files.writeString(db, "this is not a database, it only has the name of one ".repeat(200));

        CliHarness.Result list = cli.run("list", "-C", "ws");

        assertThat(list.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(list.err()).contains("The progress database " + db + " is damaged", "progy sync");
        assertThat(list.err()).doesNotContain("SQLITE", "SQLException", "[");
    }

    private static int awaitAttemptsOnServer(HubOnLoopback server, int atLeast) throws Exception {
        return (int) attemptsOf(server.awaitRecords(records -> attemptsOf(records) >= atLeast, Duration.ofSeconds(60)));
    }

    private static long attemptsOf(List<ProgressRecord> records) {
        return records.stream().filter(r -> r.key().itemId().equals(FIRST))
                .mapToLong(ProgressRecord::totalAttempts).max().orElse(0);
    }

    private static List<Path> filesHolding(Path dir, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
