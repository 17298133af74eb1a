package dev.progy.internal.progress;

import dev.progy.error.ProgyException;
import dev.progy.spi.Availability;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProgressStoreProvider;
import dev.progy.spi.ProviderConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The file progress store provider")
class FileProgressStoreProviderTest {

    private final FileProgressStoreProvider provider = new FileProgressStoreProvider();

    @Test
    @DisplayName("is found by ServiceLoader under the id 'file'")
    void isDiscoverable() {
        assertThat(ServiceLoader.load(ProgressStoreProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p.id()).isEqualTo("file");
                    assertThat(p.priority()).isEqualTo(10);
                });
    }

    @Test
    @DisplayName("is unusable without progress.dir, and says how to set it")
    void unavailableWithoutDir() {
        Availability availability = provider.availability(ProviderConfig.empty());

        assertThat(availability.usable()).isFalse();
        assertThat(availability.reason()).contains("progress.dir");
        assertThat(availability.fixHint()).contains("PROGRESS_DIR");
        assertThatThrownBy(() -> provider.create(ProviderConfig.empty()))
                .isInstanceOf(ProgyException.class)
                .hasMessageContaining("progress.dir");
    }

    @Test
    @DisplayName("is unusable when progress.dir names a file")
    void unavailableWhenDirIsAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "");

        assertThat(provider.availability(ProviderConfig.of(Map.of("progress.dir", file.toString()))).usable())
                .isFalse();
    }

    @Test
    @DisplayName("makes a store over progress.dir, creating the folder on the first update")
    void createsStore(@TempDir Path tmp) {
        Path progy = tmp.resolve("workspace/.progy");
        ProviderConfig config = ProviderConfig.of(Map.of("progress.dir", progy.toString()));

        assertThat(provider.availability(config).usable()).isTrue();
        try (ProgressStore store = provider.create(config)) {
            store.update("sql-basics", p -> ProgressLedger.recordHint(p, "01_basics/01_hello", 2));
        }
        assertThat(progy.resolve("progress-sql-basics.json")).isRegularFile();
    }
}
