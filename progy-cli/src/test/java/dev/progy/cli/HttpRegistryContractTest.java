package dev.progy.cli;

import dev.progy.ProviderDiscovery;
import dev.progy.spi.Registry;
import dev.progy.testkit.RegistryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The http registry (found by ServiceLoader) against a real Progy server on loopback passes the registry contract. */
@DisplayName("The http registry on a real server")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpRegistryContractTest extends RegistryContract {

    @TempDir
    Path serverDir;
    private RegistryOnLoopback server;

    @Override
    protected Registry registry() {
        server = new RegistryOnLoopback(serverDir);
        Registry registry = ProviderDiscovery.using(server.config(serverDir.resolve("config"), true)).registry();
        org.assertj.core.api.Assertions.assertThat(registry.getClass().getSimpleName()).isEqualTo("HttpRegistry");
        return registry;
    }

    @Override
    protected String courseName(String plain) {
        return "@tester/" + plain;
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
