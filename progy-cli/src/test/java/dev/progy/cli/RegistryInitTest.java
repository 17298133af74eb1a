package dev.progy.cli;

import dev.progy.ProviderDiscovery;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryInitTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("init by registry name installs the newest published version from the folder registry")
    void initFromRegistry() {
        CliHarness cli = new CliHarness(tmp);
        Path registryDir = tmp.resolve("registry");
        assertThat(cli.run("pack", CliHarness.example("java-basics").toString(), "-o", "java-basics.progy").code()).isZero();
        try (Registry registry = ProviderDiscovery.using(ProviderConfig.of(Map.of("progy.registry.dir", registryDir.toString())))
                .registry()) {
            registry.publish(tmp.resolve("java-basics.progy"));
        }
        cli.env.put("PROGY_REGISTRY_DIR", registryDir.toString());

        CliHarness.Result r = cli.run("init", "java-basics", "ws");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(tmp.resolve("ws/.progy/course/course.json")).isRegularFile();

        CliHarness.Result missing = cli.run("init", "no-such-course", "other");
        assertThat(missing.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(missing.err()).contains("the registry has no course 'no-such-course'");
    }

    @Test
    @DisplayName("init by registry name without a registry says how to configure one")
    void initWithoutRegistry() {
        CliHarness.Result r = new CliHarness(tmp).run("init", "java-basics", "ws");
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains("registry").contains("PROGY_REGISTRY_DIR").doesNotContain("\tat ");
    }
}
