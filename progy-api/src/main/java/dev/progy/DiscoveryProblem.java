package dev.progy;


import java.util.Objects;

/**
 * Something discovery worked around rather than failed on: a provider on the class path that could not be loaded
 * and was skipped, or a port that fell back to its simple adapter. The library never prints it; it hands it to the
 * reporter the embedder gave {@link Progy.Builder#onDiscoveryProblem} or {@link ProviderDiscovery#using(
 * dev.progy.spi.ProviderConfig, java.util.function.Consumer)}, which by default logs it through
 * {@link System.Logger} (the JDK's logging facade, which SLF4J and others can take over) at {@code WARNING}.
 *
 * @param message what happened and what Progy did instead, written for the user
 * @param fixHint what to do about it; empty (never null) when there is nothing to add
 */
public record DiscoveryProblem(String message, String fixHint) {

    public DiscoveryProblem {
        Objects.requireNonNull(message);
        Objects.requireNonNull(fixHint);
    }

    /** The default reporter: a {@code WARNING} on the {@code dev.progy} {@link System.Logger}. */
    static void log(DiscoveryProblem problem) {
        System.getLogger("dev.progy").log(System.Logger.Level.WARNING,
                problem.fixHint().isEmpty() ? problem.message() : problem.message() + " (" + problem.fixHint() + ")");
    }
}
