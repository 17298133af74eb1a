package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.server.http.Access;
import dev.progy.server.http.Probes;
import dev.progy.server.http.Route;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("/api/v1/openapi.json is OpenAPI 3.1 and describes exactly the JSON routes that exist, with their scopes")
    void describesTheRoutes() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            RawSync.Answer a = RawSync.get(TestServers.url(server) + Probes.OPENAPI);
            assertThat(a.status()).isEqualTo(200);
            JsonNode api = new ObjectMapper().readTree(a.body());
            assertThat(api.path("openapi").asText()).isEqualTo("3.1.0");

            Set<String> described = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    described.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
            Set<String> served = new TreeSet<>();
            for (Route r : server.routes()) {
                if (r.access().page()) {
                    continue; // web pages are HTML for a browser, not the JSON API
                }
                served.add(r.method() + " " + r.path());
                JsonNode op = api.path("paths").path(r.path()).path(r.method().name().toLowerCase(Locale.ROOT));
                Access access = r.access();
                if (access.isPublic()) {
                    assertThat(op.has("security")).as(r.path() + " is public").isFalse();
                } else {
                    assertThat(op.path("security").get(0).path("bearer").get(0).asText()).as(r.path())
                            .isEqualTo(access.scope());
                }
            }
            assertThat(described).isEqualTo(served);
        }
    }
}
