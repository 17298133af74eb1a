package dev.progy.sync.backup;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {".progy/course/course.json", ".progy/progress.db", ".env", "app/.env", ".env.local",
            "content/x/prod.env", "server.pem", "deep/dir/tls.key", "id_rsa", "id_ed25519.pub", ".ssh/config",
            ".aws/credentials", "credentials", "credentials.json", ".npmrc", ".netrc", "secrets.yaml", "sub/.git/config"})
    @DisplayName("Progy's state and secrets are never backed up, at any depth")
    void refused(String path) {
        assertThat(BackupRules.refuses(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"course.json", "content/01_basics/01_hello/exercise.py", "notes.md", ".env.example",
            "app/.env.sample", "environment.md", "keys.md", "src/credential_check.py", "progy.txt", ".progyrc"})
    @DisplayName("a student's own files, and env templates, are backed up")
    void kept(String path) {
        assertThat(BackupRules.refuses(path)).isFalse();
    }
}
