package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.registry.FolderBlobStore;
import dev.progy.sync.hub.HubJobs;
import dev.progy.sync.hub.HubRegistry;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A publish whose server died in the middle of a step is taken up by the next server and goes live once. */
@DisplayName("A publish interrupted mid-step")
class RegistryResumeTest {

    static final List<String> STEPS = List.of("limits", "guard", "runs", "links", "ai-review", "images");

    @TempDir
    Path tmp;

    /**
     * What a server leaves once it accepted ada's upload of the sample course: the archive staged in the blob folder
     * beside the database, the version pending with every step waiting, and no job yet. Returns ada's token.
     */
    String accepted(SyncHub hub, String publishId, String version) throws Exception {
        hub.createAccount("ada");
        String token = hub.createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "publish");
        long ada = hub.token(token).orElseThrow().account().id();
        Path archive = RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics", version));
        String staged = "staged/" + publishId + ".progy";
        new FolderBlobStore(tmp.resolve("registry")).put(staged, Files.readAllBytes(archive));
        hub.registry().startPublish("@ada/java-basics", "@ada", version, "Java", "public", ada, publishId, staged,
                Files.size(archive), STEPS, System.currentTimeMillis());
        return token;
    }

    @Test
    @DisplayName("a server that claimed the guard step and died: its lease runs out, another server runs the step "
            + "again and the rest of the pipeline, and the version goes live once")
    void resumesAfterTheLeaseRunsOut() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        String publishId = "0123456789abcdef0123";
        String token;
        long guardJob;
        // what a server leaves behind when it dies during the guard step: the upload staged, the version pending,
        // the limits step passed, the guard step running, and its job claimed under a lease nobody renews
        try (SyncHub hub = SyncHub.open(database, 1, Clock.systemUTC())) {
            token = accepted(hub, publishId, "1.0.0");
            long now = System.currentTimeMillis();
            HubRegistry registry = hub.registry();
            long version = registry.publish(publishId).orElseThrow().id();
            registry.setStep(version, "limits", "passed", "within the limits", "[]");
            registry.setStep(version, "guard", "running", "", "[]");
            HubJobs jobs = hub.jobs();
            jobs.enqueue("registry.publish.limits", publishId, publishId, 3, now, now);
            jobs.claim(Set.of("registry.publish.limits"), "dead-server", now, now + 1).orElseThrow();
            jobs.finish(jobs.recent(10).get(0).id(), "dead-server", 1, now);
            guardJob = jobs.enqueue("registry.publish.guard", publishId, publishId, 3, now, now).id();
            assertThat(jobs.claim(Set.of("registry.publish.guard"), "dead-server", now, now + 300)).isPresent();
        }
        Thread.sleep(400);

        try (ProgyServer server = TestServers.start(database, "job-lease", "1", "registry-solution-runs", "off")) {
            JsonNode status = new RegistryClient(server).waitFor(publishId, token);

            assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
            List<String> steps = new ArrayList<>();
            status.path("steps").forEach(s -> steps.add(s.path("step").asText() + " " + s.path("state").asText()));
            assertThat(steps).containsExactly("limits passed", "guard passed", "runs skipped", "links skipped",
                    "ai-review skipped", "images passed");
            HubJobs.Job guard = server.hub().jobs().job(guardJob).orElseThrow();
            assertThat(guard.attempts()).isEqualTo(2);
            assertThat(guard.state()).isEqualTo("done");
            // one job per step, each run to its end, none twice
            Eventually.await("every job of the publish done", java.time.Duration.ofSeconds(30), () ->
                    server.hub().jobs().recent(100).stream().filter(j -> j.key().equals(publishId))
                            .allMatch(j -> j.state().equals("done")));
            List<HubJobs.Job> ofThisPublish = server.hub().jobs().recent(100).stream()
                    .filter(j -> j.key().equals(publishId)).toList();
            assertThat(ofThisPublish).extracting(HubJobs.Job::kind).containsExactlyInAnyOrderElementsOf(
                    STEPS.stream().map(s -> "registry.publish." + s).toList());
            assertThat(ofThisPublish).allSatisfy(j -> assertThat(j.state()).isEqualTo("done"));
            FolderBlobStore blobs = new FolderBlobStore(tmp.resolve("registry"));
            assertThat(blobs.list("archives/")).hasSize(1);
            assertThat(blobs.list("staged/")).isEmpty();
            HubRegistry.Version live = server.hub().registry().publish(publishId).orElseThrow();
            assertThat(blobs.list("archives/").get(0)).contains(live.sha256().orElseThrow());
            assertThat(new RegistryClient(server).get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null)
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a server that stopped after accepting an upload but before queueing its first step: the next "
            + "server starts the pipeline, and the version goes live")
    void resumesAnUnqueuedPublish() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        String publishId = "fedcba9876543210fedc";
        String token;
        try (SyncHub hub = SyncHub.open(database, 1, Clock.systemUTC())) {
            token = accepted(hub, publishId, "2.0.0");
        }

        try (ProgyServer server = TestServers.start(database, "registry-solution-runs", "off")) {
            JsonNode status = new RegistryClient(server).waitFor(publishId, token);
            assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
        }
    }
}
