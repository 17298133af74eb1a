package dev.progy.cli;

import dev.progy.DiscoveryProblem;
import dev.progy.Progy;
import dev.progy.ProviderDiscovery;
import dev.progy.Workspace;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a subcommand needs from the outside world: where it runs, its streams, its environment and the SDK.
 * Tests make one in-process; {@link Main} makes the real one.
 */
final class CliContext implements AutoCloseable {
    /** Which progress store keeps the workspace's progress. */
    static final String PROGRESS_KEY = "progy.progress";
    Path cwd;
    final BufferedReader in;
    final PrintWriter out;
    final PrintWriter err;
    final Map<String, String> env;
    final boolean terminal;
    /** Processes this command started and left running (a background backup): tests wait for them, Main does not. */
    final List<Process> background = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>();
    private Progy progy;

    CliContext(Path cwd, BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
        this.cwd = cwd;
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    /**
     * Sets a configuration key from a flag (e.g. {@code --engine}); it wins over properties and the environment.
     * Only before the SDK is made: adapters read their configuration once.
     */
    void set(String key, String value) {
        if (progy != null) {
            throw new IllegalStateException(key + " set after the SDK was made");
        }
        settings.put(key, value);
    }

    /**
     * Configuration for adapters: flags, then {@code -Dkey=value} system properties, then PROGY_* style
     * environment variables.
     */
    ProviderConfig config() {
        return key -> {
            String v = settings.containsKey(key) ? settings.get(key) : System.getProperty(key);
            return v != null ? v : env.get(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        };
    }

    /** The SDK, with adapters found through ServiceLoader (made on first use). */
    Progy progy() {
        if (progy == null) {
            if (ProgressSync.configured(config()) && config().find(PROGRESS_KEY).isEmpty()) {
                settings.put(PROGRESS_KEY, "sqlite"); // sync pushes the SQLite store's records
            }
            progy = Progy.builder().onDiscoveryProblem(this::warn).discover(config()).build();
        }
        return progy;
    }

    /** Provider discovery over this command's configuration, its problems said on stderr like the SDK's. */
    ProviderDiscovery discovery() {
        return ProviderDiscovery.using(config(), this::warn);
    }

    /** What discovery worked around, one warning line on stderr (and the fix, when there is one). */
    private void warn(DiscoveryProblem problem) {
        err.println("warning: " + problem.message() + (problem.fixHint().isEmpty() ? "" : "; " + problem.fixHint()));
        err.flush();
    }

    /** Resolves a path the user typed against the working folder. */
    Path path(String typed) {
        return cwd.resolve(typed).normalize();
    }

    /** The workspace the command runs in: {@code --dir} or the working folder, searching upward. */
    Workspace workspace(Path dir) {
        return progy().openWorkspace(dir != null ? cwd.resolve(dir).normalize() : cwd);
    }

    Style style(boolean noColor) {
        return new Style(terminal && !noColor && !env.containsKey("NO_COLOR"));
    }

    @Override
    public void close() {
        if (progy != null) {
            progy.close();
        }
    }
}
