package dev.progy.cli;

import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.sync.login.DeviceLoginClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client progy login runs, against the real server: how long it waits between polls. */
class DeviceLoginClientTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the client waits the server's interval before each poll, and 5 s longer after each slow_down")
    void honoursSlowDown() throws Exception {
        try (ProgyServer server = ProgyServer.start(ServerConfig.load(Map.of("db", "sqlite:" + tmp.resolve("s.db"),
                "host", "127.0.0.1", "port", "0"), Map.of()))) {
            DeviceLoginClient client = new DeviceLoginClient(URI.create("http://127.0.0.1:" + server.port()),
                    Duration.ofSeconds(10), Clock.systemUTC());
            DeviceLoginClient.Started started = client.start(Set.of(), "box");
            assertThat(started.interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(started.toString()).doesNotContain(started.deviceCode());

            // a pause that does not really wait: the server sees polls that come too early, and says slow_down
            List<Duration> waits = new ArrayList<>();
            DeviceLoginClient.Pause impatient = d -> {
                waits.add(d);
                if (waits.size() == 4) {
                    throw new InterruptedException("enough");
                }
            };
            assertThatThrownBy(() -> client.await(started, impatient)).isInstanceOf(InterruptedException.class);
            assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(15));
        }
    }
}
