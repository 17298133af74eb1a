package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.ProviderDiscovery;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The publish step that runs every starter and solution, in a real Docker engine found by ServiceLoader (see
 * scripts/engines.sh). Without one the tests skip with the reason, except with {@code PROGY_REQUIRE_ENGINES=1}.
 */
@DisplayName("Publishing with solution runs in Docker")
class RegistryContainerTest {

    @TempDir
    Path tmp;
    ProgyServer server;
    RegistryClient api;
    String ada;

    @BeforeEach
    void start() {
        ProviderConfig config = ProviderConfig.fromSystem();
        Optional<RunnerProvider> docker = ProviderDiscovery.using(config).all(RunnerProvider.class).stream()
                .filter(p -> p.id().equals("docker")).findFirst();
        if (docker.isEmpty() || !docker.get().availability(config).usable()) {
            String why = "Docker is not ready here: " + docker.map(p -> p.availability(config).reason())
                    .orElse("no Docker runner on the class path");
            if ("1".equals(System.getenv("PROGY_REQUIRE_ENGINES"))) {
                fail(why + " (PROGY_REQUIRE_ENGINES=1: run scripts/engines.sh up and source its env first)");
            }
            Assumptions.abort(why);
        }
        server = TestServers.start(TestDatabases.sqlite(tmp), "job-lease", "120");
        api = new RegistryClient(server);
        server.accounts().create("ada");
        ada = server.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "publish");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("the sample course's starters fail and its solutions pass in the sandbox: live and verified")
    void sampleIsVerified() throws Exception {
        JsonNode status = api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@ada/java-basics", "1.0.0")), ada, "");

        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
        assertThat(status.path("verified").asBoolean()).isTrue();
        JsonNode runs = status.path("steps").get(2);
        assertThat(runs.path("state").asText()).isEqualTo("passed");
        assertThat(runs.path("detail").asText()).contains("every solution passes");
        assertThat(RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null)).path("versions").get(0)
                .path("verified").asBoolean()).isTrue();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("a course whose solution fails is rejected with the failing exercise as the reason, nothing live")
    void failingSolutionRejected() throws Exception {
        Path course = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
        Path solution = course.resolve("content/01_basics/01_hello/solution/Main.java");
        Files.writeString(solution, Files.readString(solution).replace("\"Hello, \" + name + \"!\"",
                "\"Hi \" + name"));

        JsonNode status = api.publishAndWait(RegistryClient.pack(course), ada, "");

        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("rejected");
        JsonNode runs = status.path("steps").get(2);
        assertThat(runs.path("state").asText()).isEqualTo("failed");
        assertThat(runs.path("detail").asText()).contains("PG-V002").contains("01_basics/01_hello");
        assertThat(status.path("report").asText()).contains("01_basics/01_hello's solution fails");
        assertThat(status.path("steps").get(5).path("state").asText()).isEqualTo("waiting");
        assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null).statusCode()).isEqualTo(404);
        assertThat(RegistryClient.json(api.get("/api/v1/courses", null)).path("courses")).isEmpty();
    }
}
