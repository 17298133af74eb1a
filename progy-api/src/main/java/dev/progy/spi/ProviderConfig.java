package dev.progy.spi;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration handed to a provider: a view over {@code get(key)}, bound by the CLI to flags, system
 * properties and environment variables, and by tests to a lambda or a map. Keys are dotted, e.g.
 * {@code progy.runner}, {@code progress.dir}; every typed getter documents its default at the call site.
 */
@FunctionalInterface
public interface ProviderConfig {

    /** The raw value of {@code key}, or null when unset. */
    @Nullable String get(String key);

    /** A config with nothing set. */
    static ProviderConfig empty() {
        return key -> null;
    }

    /** A config backed by a map. */
    static ProviderConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /**
     * The standard binding: a system property {@code key} first, then an environment variable named like
     * the key in upper case with dots as underscores ({@code progy.runner} → {@code PROGY_RUNNER}).
     */
    static ProviderConfig fromSystem() {
        return key -> {
            String v = System.getProperty(key);
            return v != null ? v : System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        };
    }

    /** This config, falling back to {@code other} for keys it does not set. */
    default ProviderConfig orElse(ProviderConfig other) {
        return key -> {
            String v = get(key);
            return v != null ? v : other.get(key);
        };
    }

    /** The value of {@code key}, if set and not blank. */
    default Optional<String> find(String key) {
        String v = get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The value of {@code key}, or {@code defaultValue}. */
    default String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    /** A path value, if set. */
    default Optional<Path> path(String key) {
        return find(key).map(Path::of);
    }

    /** A duration in seconds (decimals allowed), or {@code defaultValue}; invalid values are reported by {@link #validate()}. */
    default Duration seconds(String key, Duration defaultValue) {
        return find(key).map(v -> {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }).orElse(defaultValue);
    }

    /**
     * Every problem with the values set, all at once; empty when the config is usable. Providers with
     * settings override this and add their own checks to the list of the super call.
     */
    default List<String> validate() {
        return new ArrayList<>();
    }
}
