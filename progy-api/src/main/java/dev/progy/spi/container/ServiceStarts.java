package dev.progy.spi.container;

import dev.progy.error.ProgyException;
import dev.progy.error.RunTimeoutException;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.compose.ComposeService.Condition;
import dev.progy.spi.support.compose.ComposeService.Dependency;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a compose run's supporting services are started, the same on every engine: every container created first,
 * each started once what it {@code depends_on} is ready, and each awaited — a service others wait to end
 * ({@code service_completed_successfully}) until it ends with 0, one with a health check until it is healthy,
 * any other until it runs — all within the run's time limit. A service that ends or turns unhealthy instead stops
 * the run with the end of its log; one not ready in time stops it as a timeout.
 */
public final class ServiceStarts {

    /** What every line this class tells the listener starts with. */
    public static final String PREFIX = ComposeRuns.PREFIX;
    /** How many of a failed service's last log lines the message shows. */
    public static final int LOG_TAIL = 20;
    private static final long POLL_MS = 100;

    /** The engine's calls for one run's services. */
    public interface Services {

        /** Creates the container of service {@code s}; returns its id. */
        String create(ComposeService s);

        /** Starts the container {@code id} of service {@code name}. */
        void start(String id, String name);

        /** The state of the container {@code id} of service {@code name}. */
        State state(String id, String name);

        /** The last {@code lines} lines of the container's log, or why it could not be read. */
        String logTail(String id, int lines);

        /**
         * Called each time a service with a health check is looked at and not yet healthy; an engine that does not
         * run health checks on its own runs one here when it is due.
         *
         * @param since when the wait for this service began ({@link System#nanoTime()})
         * @return true when it ran a check, so that its outcome is looked at at once
         */
        default boolean checkDue(String id, String name, State state, long since) {
            return false;
        }
    }

    /**
     * A service's container as the engine tells it.
     *
     * @param running   whether it runs
     * @param exitCode  its exit code once it ended ({@code -1} when the engine tells none)
     * @param health    its health check's status ({@code starting}, {@code healthy}, {@code unhealthy}); empty
     *                  when it has no check
     * @param lastCheck the last check's outcome as a clause, e.g. {@code " (exit code 1, refused)"}, or empty
     * @param interval  the time between checks, zero when the engine does not tell
     */
    public record State(boolean running, long exitCode, Optional<String> health, String lastCheck, Duration interval) { }

    private final SandboxPolicy policy;
    private final ComposeProject project;
    private final Services services;
    private final Consumer<String> onText;
    private final Map<String, String> containers = new LinkedHashMap<>();
    private final Set<String> ready = new HashSet<>();

    public ServiceStarts(SandboxPolicy policy, ComposeProject project, Services services, Consumer<String> onText) {
        this.policy = policy;
        this.project = project;
        this.services = services;
        this.onText = onText;
    }

    /**
     * Creates, starts and awaits every supporting service, all before {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws RunTimeoutException when a service is not ready in time
     * @throws ProgyException      when a service ends or turns unhealthy instead (with the end of its log)
     */
    public void start(long deadline) {
        for (ComposeService s : project.supportingServices()) {
            containers.put(s.name(), services.create(s));
        }
        for (ComposeService s : project.supportingServices()) {
            for (Dependency d : s.dependsOn()) {
                awaitReady(d.service(), deadline);
            }
            services.start(containers.get(s.name()), s.name());
        }
        for (Dependency d : project.serviceToRun().dependsOn()) {
            awaitReady(d.service(), deadline);
        }
        for (ComposeService s : project.supportingServices()) {
            awaitReady(s.name(), deadline);
        }
    }

    private void awaitReady(String name, long deadline) {
        if (ready.contains(name)) {
            return;
        }
        String id = containers.get(name);
        boolean completion = project.services().stream().flatMap(s -> s.dependsOn().stream())
                .anyMatch(d -> d.service().equals(name) && d.condition() == Condition.COMPLETED_SUCCESSFULLY);
        long t0 = System.nanoTime();
        while (true) {
            State state = services.state(id, name);
            String outcome = null;
            if (completion) {
                if (!state.running() && state.exitCode() == 0) {
                    outcome = "ran to its end";
                } else if (!state.running()) {
                    throw failed(name, id, "ended with exit code " + state.exitCode() + " (another service waits"
                            + " for it to end with 0)");
                }
            } else if (state.health().isPresent()) {
                String health = state.health().get();
                if (health.equals("healthy")) {
                    outcome = "is healthy";
                } else if (health.equals("unhealthy")) {
                    throw failed(name, id, "is unhealthy: its health check says" + state.lastCheck());
                } else if (!state.running()) {
                    throw failed(name, id, "ended with exit code " + state.exitCode() + " before it was healthy");
                } else if (services.checkDue(id, name, state, t0)) {
                    continue; // look at what the check led to at once
                }
            } else {
                outcome = state.running() ? "started" : "started and ended with exit code " + state.exitCode();
            }
            if (outcome != null) {
                ready.add(name);
                onText.accept(PREFIX + name + " " + outcome + " (" + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                        + " ms)\n");
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RunTimeoutException("waiting for the compose service " + name + " to be "
                        + (completion ? "done" : "healthy") + " (" + state.health().map(h -> "health: " + h
                        + state.lastCheck()).orElse("still running") + ")", policy.timeout());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProgyException("starting the compose services was interrupted", "run again");
            }
        }
    }

    private ProgyException failed(String name, String id, String what) {
        return new ProgyException("the compose service " + name + " " + what + "\n--- last lines of its log ---\n"
                + services.logTail(id, LOG_TAIL), "fix the service in the course's " + project.file() + ", or its image");
    }
}
