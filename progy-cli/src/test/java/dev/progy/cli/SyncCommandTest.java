package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("progy sync")
class SyncCommandTest {

    private static final String FIRST = "01_basics/01_first";

    @TempDir
    Path tmp;

    private CliHarness workspace(String name) {
        return ShellCourse.failingWorkspace(tmp, name);
    }

    @Test
    @DisplayName("without a server configured says how to configure one")
    void needsAServer() {
        CliHarness cli = workspace("ws");

        CliHarness.Result r = cli.run("sync", "-C", "ws");

        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("No sync server is configured", "PROGY_SYNC_SERVER", "PROGY_SYNC_TOKEN");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("a run syncs in the background when a server is configured, and another workspace pulls it with progy sync")
    void runSyncsInTheBackground() throws Exception {
        try (HubOnLoopback server = new HubOnLoopback(tmp)) {
            CliHarness laptop = workspace("laptop");
            laptop.env.put("PROGY_SYNC_SERVER", server.url());
            laptop.env.put("PROGY_SYNC_TOKEN", server.token);

            CliHarness.Result run = laptop.run("run", FIRST, "-C", "laptop");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILED);
            awaitRecordsOnServer(server, 2); // the exercise and the course record, sent by the background sync

            CliHarness desktop = workspace("desktop");
            CliHarness.Result sync = desktop.run("sync", "--json", "-C", "desktop", "--server", server.url(),
                    "--token", server.token);
            assertThat(sync.code()).as(sync.toString()).isZero();
            assertThat(CliJson.parse(sync.out()).get("pulled").asInt()).isEqualTo(2);
            desktop.env.put("PROGY_PROGRESS", "sqlite");
            JsonNode progress = CliJson.parse(desktop.run("progress", "--json", "-C", "desktop").out());
            assertThat(progress.at("/exercises/" + FIRST.replace("/", "~1") + "/attempts").asInt()).isEqualTo(1);
        }
    }

    private static void awaitRecordsOnServer(HubOnLoopback server, int count) throws Exception {
        server.awaitRecords(records -> records.size() >= count, Duration.ofSeconds(60));
    }
}
