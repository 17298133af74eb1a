package dev.progy.spi.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CacheFoldersTest {

    @AfterEach
    void clear() {
        System.clearProperty(CacheFolders.PROPERTY);
    }

    @Test
    @DisplayName("Progy's cache is a folder progy in the user's cache folder, or in the one the property names")
    void where() {
        Path user = CacheFolders.userCache().orElseThrow();
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute()) {
            assertThat(user).isEqualTo(Path.of(System.getProperty("user.home"), ".cache"));
        } else {
            assertThat(user).isEqualTo(Path.of(xdg));
        }
        assertThat(CacheFolders.progy()).contains(user.resolve("progy"));

        System.setProperty(CacheFolders.PROPERTY, "/tmp/training/cache");
        assertThat(CacheFolders.progy()).contains(Path.of("/tmp/training/cache/progy"));
    }
}
