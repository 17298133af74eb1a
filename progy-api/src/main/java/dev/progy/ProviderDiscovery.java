package dev.progy;

import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;

import dev.progy.model.RunnerType;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.Availability;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProgressStoreProvider;
import dev.progy.spi.Provider;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryProvider;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Finds adapters through {@link ServiceLoader}, the way a composition root (CLI, server) wants it:
 * an explicit choice wins ({@code progy.runner}, {@code progy.progress}, {@code progy.registry},
 * {@code progy.ai}, read from the config); otherwise the available provider with the highest priority.
 * Duplicate ids are an error; when nothing is usable, one exception lists every provider tried and why.
 * The library itself never calls this: embedders may pass adapters to {@link Progy.Builder} directly.
 */
public final class ProviderDiscovery {

    private final ProviderConfig config;
    private final ClassLoader loader;
    private final Consumer<DiscoveryProblem> reporter;

    private ProviderDiscovery(ProviderConfig config, ClassLoader loader, Consumer<DiscoveryProblem> reporter) {
        this.config = config;
        this.loader = loader;
        this.reporter = reporter;
    }

    /** Discovery with this configuration, over the context class loader; problems go to the JDK's logger. */
    public static ProviderDiscovery using(ProviderConfig config) {
        return using(config, DiscoveryProblem::log);
    }

    /**
     * Discovery with this configuration, over the context class loader, telling {@code reporter} about what it works
     * around (a provider that cannot be loaded is skipped, not fatal).
     */
    public static ProviderDiscovery using(ProviderConfig config, Consumer<DiscoveryProblem> reporter) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return new ProviderDiscovery(Objects.requireNonNull(config),
                cl != null ? cl : ProviderDiscovery.class.getClassLoader(), Objects.requireNonNull(reporter));
    }

    /**
     * Key of the container engine to use for container runners ({@code docker}, {@code podman}; {@code auto} or
     * unset: whichever runs, by priority). Runners of {@code process} courses ignore it.
     */
    public static final String ENGINE_KEY = "progy.engine";

    /**
     * A runner that can run course runners of {@code type}: the one named by {@value #ENGINE_KEY} for container
     * types when set, else the one named by {@code progy.runner}, else the usable one of highest priority.
     */
    public Runner runner(RunnerType type) {
        boolean engineChosen = type != RunnerType.PROCESS
                && config.find(ENGINE_KEY).filter(v -> !v.equalsIgnoreCase("auto")).isPresent();
        return select(RunnerProvider.class, engineChosen ? ENGINE_KEY : "progy.runner", "runner", p -> p.supports(type),
                "no runner for " + type.jsonName() + " courses can run here").create(config);
    }

    /** The progress store. */
    public ProgressStore progressStore() {
        return select(ProgressStoreProvider.class, "progy.progress", "progress store", p -> true,
                "no progress store is installed").create(config);
    }

    /** The id of the progress store {@link #progressStore} would make, without making it. */
    public String progressStoreId() {
        return select(ProgressStoreProvider.class, "progy.progress", "progress store", p -> true,
                "no progress store is installed").id();
    }

    /** The registry client. */
    public Registry registry() {
        return select(RegistryProvider.class, "progy.registry", "registry", p -> true,
                "no registry is configured").create(config);
    }

    /** The AI provider. */
    public AiProvider aiProvider() {
        return select(AiProviderProvider.class, "progy.ai", "AI provider", p -> true,
                "no AI provider is installed").create(config);
    }

    /** Every provider of a port on the class path, in priority order (highest first). */
    public <P extends Provider<?>> List<P> all(Class<P> type) {
        List<P> found = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Iterator<P> providers = ServiceLoader.load(type, loader).iterator();
        while (true) {
            P p;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                p = providers.next();
            } catch (ServiceConfigurationError e) {
                // one broken jar (a missing class, a constructor that throws) must not take every other provider
                // down with it; the iterator goes on with the next one
                reporter.accept(new DiscoveryProblem("a " + type.getSimpleName() + " on the class path could not be "
                        + "loaded and was skipped: " + describe(e),
                        "remove or update the jar that registers it in META-INF/services/" + type.getName()));
                continue;
            }
            String previous = seen.put(p.id(), p.getClass().getName());
            if (previous != null) {
                throw new ProgyException("two " + type.getSimpleName() + "s share the id '" + p.id() + "': "
                        + previous + " and " + p.getClass().getName(),
                        "remove one of the two jars from the class path");
            }
            found.add(p);
        }
        found.sort(BY_PRIORITY);
        return found;
    }

    /**
     * Highest priority first, then by id. A class of its own, not {@code Comparator.comparingInt(..).reversed()}:
     * those combinators are lambdas of the JDK that each command would spin at run time, outside the class-data
     * archive.
     */
    private static final Comparator<Provider<?>> BY_PRIORITY = new Comparator<>() {
        @Override
        public int compare(Provider<?> a, Provider<?> b) {
            int byPriority = Integer.compare(b.priority(), a.priority());
            return byPriority != 0 ? byPriority : a.id().compareTo(b.id());
        }
    };

    private static String describe(ServiceConfigurationError e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? e.getMessage() + " (" + cause.getMessage() + ")" : e.getMessage();
    }

    private <P extends Provider<?>> P select(Class<P> type, String choiceKey, String what, Predicate<P> fits,
                                             String noneMessage) {
        List<P> providers = all(type);
        List<String> attempts = new ArrayList<>();
        var chosen = config.find(choiceKey);
        if (chosen.isPresent()) {
            for (P p : providers) {
                if (p.id().equals(chosen.get())) {
                    if (!fits.test(p)) {
                        throw unavailable(type, what + " '" + p.id() + "' cannot run this course",
                                "choose another with " + choiceKey, List.of(p.id() + ": does not fit"));
                    }
                    Availability a = p.availability(config);
                    if (!a.usable()) {
                        throw unavailable(type, what + " '" + p.id() + "' is not usable: " + a.reason(),
                                a.fixHint(), List.of(p.id() + ": " + a.reason()), List.of(tried(p, a)));
                    }
                    return p;
                }
            }
            throw unavailable(type, "no " + what + " named '" + chosen.get() + "' is installed",
                    "installed: " + providers.stream().map(Provider::id).toList(),
                    providers.stream().map(p -> p.id() + ": not chosen").toList());
        }
        String fix = "";
        List<RunnerUnavailableException.Tried> tried = new ArrayList<>();
        for (P p : providers) {
            if (!fits.test(p)) {
                attempts.add(p.id() + ": does not fit this course");
                continue;
            }
            Availability a = p.availability(config);
            if (a.usable()) {
                return p;
            }
            attempts.add(p.id() + ": " + a.reason());
            tried.add(tried(p, a));
            if (fix.isEmpty()) {
                fix = a.fixHint();
            }
        }
        if (providers.isEmpty()) {
            attempts.add("no " + type.getName() + " registered in META-INF/services");
        }
        // the places each runner looked and its own fix are in RunnerUnavailableException.tried(), for a UI to show
        // one a line; the message keeps each short reason
        throw unavailable(type, noneMessage + " (tried: " + String.join("; ", attempts) + ")", fix, attempts, tried);
    }

    private static RunnerUnavailableException.Tried tried(Provider<?> p, Availability a) {
        return new RunnerUnavailableException.Tried(p.id(), a.reason(), a.looked(), a.fixHint());
    }

    /** A missing runner is a {@link RunnerUnavailableException} a UI can act on; other ports give a plain error. */
    private static ProgyException unavailable(Class<?> type, String message, String fix, List<String> attempts) {
        return unavailable(type, message, fix, attempts, List.of());
    }

    private static ProgyException unavailable(Class<?> type, String message, String fix, List<String> attempts,
                                              List<RunnerUnavailableException.Tried> tried) {
        return type == RunnerProvider.class
                ? new RunnerUnavailableException(message, fix, attempts, tried)
                : new ProgyException(message.contains("(tried: ") ? message // the attempts are in it already
                        : message + " (" + String.join("; ", attempts) + ")", fix);
    }
}
