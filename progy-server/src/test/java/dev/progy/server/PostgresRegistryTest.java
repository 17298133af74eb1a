package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry on two server instances sharing one PostgreSQL and one blob folder. */
@DisplayName("The registry on PostgreSQL")
class PostgresRegistryTest {

    @TempDir
    Path tmp;
    String database;
    final List<ProgyServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ProgyServer::close);
        TestDatabases.drop(database);
    }

    @Test
    @DisplayName("a publish to one instance runs its pipeline on either and goes live; the other serves it, signed "
            + "with the one key both share")
    void publishAcrossInstances() throws Exception {
        database = TestDatabases.postgres();
        for (int i = 0; i < 2; i++) {
            servers.add(TestServers.start(database, "registry-dir", tmp.resolve("blobs").toString(),
                    "registry-solution-runs", "off", "connections", "4"));
        }
        ProgyServer first = servers.get(0);
        first.accounts().create("ada");
        String ada = first.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "p");

        JsonNode status = new RegistryClient(first).publishAndWait(RegistryClient.pack(RegistryClient.sample(
                "java-basics", tmp, "@ada/java-basics", "1.0.0")), ada, "");
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");

        RegistryClient other = new RegistryClient(servers.get(1));
        JsonNode keys = RegistryClient.json(other.get("/api/v1/registry/keys", null));
        assertThat(keys.path("keys")).hasSize(1);
        JsonNode version = RegistryClient.json(other.get("/api/v1/courses/@ada/java-basics", null))
                .path("versions").get(0);
        HttpResponse<byte[]> archive = other.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null);
        assertThat(archive.statusCode()).isEqualTo(200);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive.body()));
        assertThat(version.path("sha256").asText()).isEqualTo(sha);
        assertThat(RegistryTest.verifies(keys.path("keys").get(0).path("public_key").asText(),
                "progy-registry-v1\n@ada/java-basics\n1.0.0\n" + sha + "\n", version.path("signature").asText()))
                .isTrue();
        assertThat(other.publish(RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics",
                "1.0.0")), ada, "").statusCode()).isEqualTo(409);
    }
}
