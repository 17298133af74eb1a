package dev.progy.sync.registry;

import dev.progy.spi.ProviderConfig;
import dev.progy.sync.credentials.ServerTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Which server the http registry uses")
class HttpRegistryProviderTest {

    @TempDir
    Path config;

    private ProviderConfig settings(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of(HttpRegistryProvider.CONFIG_DIR_KEY, config.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return ProviderConfig.of(m);
    }

    @Test
    @DisplayName("nothing configured and no login saved: not usable, saying how to sign in")
    void nothing() {
        var a = new HttpRegistryProvider().availability(settings());
        assertThat(a.usable()).isFalse();
        assertThat(a.fixHint()).contains("progy login");
    }

    @Test
    @DisplayName("the registry server, the sync server, or the one server a login was saved for")
    void whereTheServerComesFrom() {
        HttpRegistryProvider p = new HttpRegistryProvider();
        assertThat(p.availability(settings("progy.registry.server", "https://a.example")).usable()).isTrue();
        assertThat(p.availability(settings("progy.sync.server", "https://a.example")).usable()).isTrue();

        ServerTokens.in(config).save("https://a.example", "t", Instant.EPOCH);
        assertThat(p.availability(settings()).usable()).isTrue();

        ServerTokens.in(config).save("https://b.example", "t", Instant.EPOCH);
        var two = p.availability(settings());
        assertThat(two.usable()).isFalse();
        assertThat(two.reason()).contains("2 servers");
    }

    @Test
    @DisplayName("a registry folder someone configured is not overridden by a sync server or a login, only by a registry server")
    void folderWins() {
        ServerTokens.in(config).save("https://a.example", "t", Instant.EPOCH);
        HttpRegistryProvider p = new HttpRegistryProvider();

        assertThat(p.availability(settings("progy.registry.dir", "/srv/courses", "progy.sync.server", "https://a.example"))
                .usable()).isFalse();
        assertThat(p.availability(settings("progy.registry.dir", "/srv/courses", "progy.registry.server",
                "https://a.example")).usable()).isTrue();
        assertThat(p.priority()).isGreaterThan(0);
    }
}
