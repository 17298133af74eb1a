package dev.progy.internal.registry;

import dev.progy.error.ProgyException;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code directory} registry: courses published to and installed from a plain folder. Usable when the
 * folder is configured, under {@value #DIR_KEY} or, as users set it through a system property or the
 * environment, {@value #SYSTEM_DIR_KEY} ({@code -Dprogy.registry.dir=…}, {@code PROGY_REGISTRY_DIR}). The
 * folder is made on the first publish. Priority 0, so a server registry wins when both are usable.
 */
public final class DirectoryRegistryProvider implements RegistryProvider {

    /** The adapter's own key, as embedders and tests pass it. */
    public static final String DIR_KEY = "registry.dir";
    /** The same setting under the name users give it on the command line and in the environment. */
    public static final String SYSTEM_DIR_KEY = "progy.registry.dir";

    private static final String FIX = "set progy.registry.dir / PROGY_REGISTRY_DIR to a folder of courses";

    @Override
    public String id() {
        return "directory";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        Optional<Path> dir = folder(config);
        if (dir.isEmpty()) {
            return Availability.no("no registry folder is configured", FIX);
        }
        if (Files.exists(dir.get()) && !Files.isDirectory(dir.get())) {
            return Availability.no("the registry folder " + dir.get() + " is a file, not a folder", FIX);
        }
        return Availability.yes();
    }

    @Override
    public Registry create(ProviderConfig config) {
        Availability a = availability(config);
        if (!a.usable()) {
            throw new ProgyException("cannot open the directory registry: " + a.reason(), a.fixHint());
        }
        return new DirectoryRegistry(folder(config).orElseThrow());
    }

    private static Optional<Path> folder(ProviderConfig config) {
        return config.path(DIR_KEY).or(() -> config.path(SYSTEM_DIR_KEY));
    }
}
