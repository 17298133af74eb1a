package dev.progy.spi.support.sandbox;

import dev.progy.error.ProgyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentAllowlistTest {

    private static final Map<String, String> HOST = Map.ofEntries(
            Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/home/ada"), Map.entry("LANG", "C.UTF-8"),
            Map.entry("LC_ALL", "C.UTF-8"), Map.entry("TERM", "xterm"), Map.entry("TZ", "UTC"),
            Map.entry("JAVA_HOME", "/jdk"), Map.entry("TMPDIR", "/tmp"), Map.entry("USER", "ada"),
            Map.entry("GITHUB_TOKEN", "ghp_x"), Map.entry("AWS_ACCESS_KEY_ID", "AKIA"), Map.entry("OPENAI_API_KEY", "sk"),
            Map.entry("DB_PASSWORD", "pw"), Map.entry("SSH_AUTH_SOCK", "/run/agent"), Map.entry("PROGY_TOKEN", "t"),
            Map.entry("PROGY_RUNNER", "docker"), Map.entry("EDITOR", "vim"), Map.entry("CI", "true"));

    @Test
    @DisplayName("only the documented host variables reach course code")
    void onlyAllowlisted() {
        assertThat(EnvironmentAllowlist.fromHost(HOST)).containsOnlyKeys("PATH", "HOME", "LANG", "LC_ALL", "TERM",
                "TZ", "JAVA_HOME", "TMPDIR", "USER");
    }

    @Test
    @DisplayName("the host's own PROGY_ settings never pass; Progy's variables for the run do")
    void progyVariables() {
        Map<String, String> env = EnvironmentAllowlist.forRun(EnvironmentAllowlist.fromHost(HOST),
                Map.of("PROGY_OUTPUT_DIR", "/tmp/out", "PATH", "/opt/bin"));
        assertThat(env).containsEntry("PROGY_OUTPUT_DIR", "/tmp/out").containsEntry("PATH", "/opt/bin")
                .doesNotContainKeys("PROGY_TOKEN", "PROGY_RUNNER");
    }

    @Test
    @DisplayName("names that look like secrets are recognised")
    void secretNames() {
        assertThat(EnvironmentAllowlist.looksSecret("GITHUB_TOKEN")).isTrue();
        assertThat(EnvironmentAllowlist.looksSecret("AWS_REGION")).isTrue();
        assertThat(EnvironmentAllowlist.looksSecret("STRIPE_KEY")).isTrue();
        assertThat(EnvironmentAllowlist.looksSecret("my_secret")).isTrue();
        assertThat(EnvironmentAllowlist.looksSecret("PGPASSWORD")).isTrue();
        assertThat(EnvironmentAllowlist.looksSecret("PROGY_OUTPUT_DIR")).isFalse();
        assertThat(EnvironmentAllowlist.looksSecret("KEYBOARD_LAYOUT")).isFalse();
    }

    @Test
    @DisplayName("a secret-looking variable passed for a run is refused, not silently passed")
    void secretExtraRefused() {
        assertThatThrownBy(() -> EnvironmentAllowlist.forRun(Map.of(), Map.of("API_TOKEN", "x")))
                .isInstanceOf(ProgyException.class).hasMessageContaining("API_TOKEN");
        assertThatThrownBy(() -> EnvironmentAllowlist.forRun(Map.of(), Map.of("A=B", "x")))
                .isInstanceOf(ProgyException.class).hasMessageContaining("not a valid");
    }
}
