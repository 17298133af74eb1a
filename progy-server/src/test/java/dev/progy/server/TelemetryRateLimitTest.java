package dev.progy.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.progy.server.TelemetryCohort.batch;
import static dev.progy.server.TelemetryCohort.event;
import static dev.progy.server.TelemetryCohort.installation;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Telemetry is limited as a write, per address")
class TelemetryRateLimitTest {

    @Test
    @DisplayName("past the rate-write limit an address is answered 429 with a message, and nothing more is stored")
    void limited(@TempDir Path tmp) throws Exception {
        String database = TestDatabases.sqlite(tmp);
        try (ProgyServer server = TestServers.start(database, "rate-write", "3/1m")) {
            server.accounts().create("ada");
            long owner = server.accounts().bearer(server.accounts().createToken("ada", java.util.Set.of("read"),
                    java.util.Optional.empty(), "t")).orElseThrow().account();
            TelemetryCohort.course(database, 1, TelemetryCohort.COURSE, owner);
            String base = TestServers.url(server);
            int[] statuses = new int[5];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = TelemetryCohort.post(base, batch(String.format("%032x", 0x5eed00L + i), installation(9),
                        List.of(event("hint_shown", "basics/01-hello", 1, 10, Instant.now().minusSeconds(5))))
                        .toString()).status();
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(server.hub().telemetry().events(installation(9))).isEqualTo(3);
        }
    }
}
