package dev.progy;

import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;

import dev.progy.model.RunnerType;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderDiscoveryTest {

    @TempDir
    Path services;

    /** A runner provider whose id, priority and availability the test sets through its class. */
    abstract static class FakeProvider implements RunnerProvider {
        private final String id;
        private final int priority;
        private final boolean usable;

        FakeProvider(String id, int priority, boolean usable) {
            this.id = id;
            this.priority = priority;
            this.usable = usable;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean supports(RunnerType type) {
            return type == RunnerType.DOCKER_FILE;
        }

        @Override
        public Availability availability(ProviderConfig config) {
            return usable ? Availability.yes() : Availability.no(id + " engine is not running", "start " + id);
        }

        @Override
        public Runner create(ProviderConfig config) {
            return (request, listener) -> {
                throw new UnsupportedOperationException(id);
            };
        }
    }

    public static final class Fast extends FakeProvider {
        public Fast() {
            super("fast", 20, false);
        }
    }

    public static final class Slow extends FakeProvider {
        public Slow() {
            super("slow", 5, true);
        }
    }

    public static final class AlsoSlow extends FakeProvider {
        public AlsoSlow() {
            super("slow", 1, true);
        }
    }

    /** A provider whose jar is broken: its constructor fails, as one with a missing dependency would. */
    public static final class Broken extends FakeProvider {
        public Broken() {
            super("broken", 50, true);
            throw new IllegalStateException("a class it needs is missing");
        }
    }

    private <T> T withProviders(Callable<T> call, Class<?>... providers) throws Exception {
        return withProviderNames(call, java.util.Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
    }

    private <T> T withProviderNames(Callable<T> call, String... providers) throws Exception {
        Path file = services.resolve("META-INF/services/" + RunnerProvider.class.getName());
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        for (String p : providers) {
            sb.append(p).append('\n');
        }
        Files.writeString(file, sb.toString());
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        // a loader that sees only these service files (the real ones of progy-api are in the parent's resources,
        // so the parent is the platform loader and classes come from this test's loader by delegation below)
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                return before.loadClass(name);
            }
        }) {
            t.setContextClassLoader(loader);
            return call.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static String runnerId(ProviderConfig config) {
        try (Runner r = ProviderDiscovery.using(config).runner(RunnerType.DOCKER_FILE)) {
            try {
                r.run(null);
            } catch (UnsupportedOperationException e) {
                return e.getMessage();
            }
            return "?";
        }
    }

    @Test
    @DisplayName("without a choice, the available provider with the highest priority is used")
    void highestAvailablePriorityWins() throws Exception {
        assertThat(withProviders(() -> runnerId(ProviderConfig.empty()), Fast.class, Slow.class)).isEqualTo("slow");
    }

    @Test
    @DisplayName("an explicit choice wins; an unusable choice says why and how to fix it")
    void explicitChoiceWins() throws Exception {
        assertThat(withProviders(() -> runnerId(ProviderConfig.of(Map.of("progy.runner", "slow"))), Fast.class, Slow.class))
                .isEqualTo("slow");
        assertThatThrownBy(() -> withProviders(() -> runnerId(ProviderConfig.of(Map.of("progy.runner", "fast"))),
                Fast.class, Slow.class))
                .isInstanceOf(RunnerUnavailableException.class).hasMessageContaining("fast engine is not running")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).isEqualTo("start fast"));
        assertThatThrownBy(() -> withProviders(() -> runnerId(ProviderConfig.of(Map.of("progy.runner", "podman"))),
                Fast.class, Slow.class))
                .isInstanceOf(RunnerUnavailableException.class).hasMessageContaining("no runner named 'podman'");
    }

    @Test
    @DisplayName("when nothing is usable, one error lists every provider tried and why")
    void nothingUsableListsEveryAttempt() {
        assertThatThrownBy(() -> withProviders(() -> runnerId(ProviderConfig.empty()), Fast.class))
                .isInstanceOf(RunnerUnavailableException.class)
                .hasMessageContaining("fast: fast engine is not running")
                .satisfies(e -> assertThat(((RunnerUnavailableException) e).attempts())
                        .containsExactly("fast: fast engine is not running"));
    }

    @Test
    @DisplayName("a provider that cannot be loaded is skipped and reported to the embedder, and the others still work")
    void brokenProviderIsSkippedAndReported() throws Exception {
        java.util.List<DiscoveryProblem> said = new java.util.ArrayList<>();
        String chosen = withProviderNames(() -> {
            try (Runner r = ProviderDiscovery.using(ProviderConfig.empty(), said::add).runner(RunnerType.DOCKER_FILE)) {
                try {
                    r.run(null);
                } catch (UnsupportedOperationException e) {
                    return e.getMessage();
                }
                return "?";
            }
        }, Broken.class.getName(), "dev.progy.NoSuchRunnerProvider", Slow.class.getName());

        assertThat(chosen).isEqualTo("slow");
        assertThat(said).hasSize(2);
        assertThat(said.get(0).message()).contains("RunnerProvider", "could not be loaded and was skipped",
                Broken.class.getName());
        assertThat(said.get(1).message()).contains("dev.progy.NoSuchRunnerProvider");
        assertThat(said).allSatisfy(p -> assertThat(p.fixHint())
                .contains("META-INF/services/" + RunnerProvider.class.getName()));
    }

    @Test
    @DisplayName("two providers with the same id are an error naming both")
    void duplicateIdsFail() {
        assertThatThrownBy(() -> withProviders(() -> runnerId(ProviderConfig.empty()), Slow.class, AlsoSlow.class))
                .isInstanceOf(ProgyException.class).hasMessageContaining("share the id 'slow'")
                .hasMessageContaining(Slow.class.getName()).hasMessageContaining(AlsoSlow.class.getName());
    }

    @Test
    @DisplayName("the providers of progy-api itself are registered: host runner, file progress, folder registry, offline hints")
    void builtInProvidersAreRegistered() throws IOException {
        ProviderDiscovery d = ProviderDiscovery.using(ProviderConfig.empty());
        assertThat(d.all(RunnerProvider.class)).extracting(p -> p.id()).contains("host");
        assertThat(d.all(dev.progy.spi.ProgressStoreProvider.class)).extracting(p -> p.id()).contains("file");
        assertThat(d.all(dev.progy.spi.RegistryProvider.class)).extracting(p -> p.id()).contains("directory");
        assertThat(d.all(dev.progy.spi.AiProviderProvider.class)).extracting(p -> p.id()).contains("offline");
    }
}
