package dev.progy.sync.credentials;

import dev.progy.error.ProgyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The tokens saved for sync servers")
class ServerTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path home;

    @Test
    @DisplayName("live in $XDG_CONFIG_HOME/progy when that is absolute, else in ~/.config/progy")
    void configFolder() {
        assertThat(ServerTokens.userConfigDir(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/x/cfg/progy"));
        assertThat(ServerTokens.userConfigDir(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/ada")))
                .isEqualTo(Path.of("/home/ada/.config/progy"));
        assertThatThrownBy(() -> ServerTokens.userConfigDir(Map.of())).isInstanceOf(ProgyException.class)
                .hasMessageContaining("HOME");
    }

    @Test
    @DisplayName("are kept per server, one URL however it is spelled, in a file only its owner can read")
    void savedPerServer() throws IOException {
        ServerTokens tokens = ServerTokens.in(home.resolve("progy"));

        tokens.save("https://Progy.Example.org/", "t1", NOW);
        tokens.save("http://127.0.0.1:8080", "t2", NOW);

        assertThat(tokens.token("https://progy.example.org")).contains("t1");
        assertThat(tokens.token("http://127.0.0.1:8080/")).contains("t2");
        assertThat(tokens.token("https://other.example.org")).isEmpty();
        assertThat(Files.getPosixFilePermissions(tokens.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(tokens.file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));

        assertThat(tokens.forget("https://progy.example.org")).isTrue();
        assertThat(tokens.forget("https://progy.example.org")).isFalse();
        assertThat(tokens.token("https://progy.example.org")).isEmpty();
        assertThat(tokens.token("http://127.0.0.1:8080")).contains("t2");
    }

    @Test
    @DisplayName("a damaged file is named with what to do, and its content is never repeated")
    void damagedFile() throws IOException {
        ServerTokens tokens = ServerTokens.in(home.resolve("progy"));
        Files.createDirectories(tokens.file().getParent());
        Files.writeString(tokens.file(), "{\"servers\": {\"https://x\": {\"token\": \"secret-bits");

        assertThatThrownBy(() -> tokens.token("https://x")).isInstanceOf(ProgyException.class)
                .hasMessageContaining(tokens.file().toString()).hasMessageContaining("damaged")
                .hasMessageNotContaining("secret-bits")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("rm " + tokens.file()));
    }
}
