package dev.progy.spi.container;

import dev.progy.error.RunnerUnavailableException;
import dev.progy.model.RunResult;
import dev.progy.spi.Leftover;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The order of one run of a {@code docker-compose} course runner, the same on every engine. The compose file is
 * read and checked first ({@link ComposeProject}: a file that escapes the sandbox is refused before the engine is
 * asked for anything), the exercise's {@link SandboxPolicy} next, then the engine's isolation, then the images
 * (every missing one reported at once, built ones built, none pulled: {@link CourseImages#forServices}). Then, for
 * this run only: a place its containers share and nothing else reaches (a network, a pod), named volumes, the
 * supporting services started in {@code depends_on} order and awaited within the run's time limit, and the test:
 * the runner's command in a container of the service-to-run's image, held to the policy exactly as a
 * {@code docker-file} run, except that it joins that place. The runner's {@code network_access} is not used: a
 * compose run has no outside access.
 *
 * <p>Everything the run made carries the policy's labels and is removed at its end — containers first, then pods,
 * networks and volumes, each in use until what precedes it is gone — on success, failure and timeout alike, and by
 * an exit hook when the JVM ends mid-run; {@code progy gc} finds what a killed JVM left by the same labels. The
 * run's time limit applies twice: once to starting the services, once to the test itself.
 */
public final class ComposeRuns {

    /** What every line about the compose run itself starts with. */
    public static final String PREFIX = "[compose] ";
    /** How long a removal someone else started (the runner's own exit hook) gets to end. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** Containers first (their anonymous volumes go with them only so), then the pod, then what they used. */
    private static final List<Leftover.Kind> ORDER = List.of(Leftover.Kind.CONTAINER, Leftover.Kind.POD,
            Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);

    /**
     * What an engine makes for one compose run, called in this order; a new one for each run.
     *
     * @param <P> the place the run's containers share (a network's name, a pod)
     */
    public interface Steps<P> {

        /** Refuses, before anything is made, an engine that cannot cut the run off from the host. */
        default void requireIsolation() { }

        /** Makes what the run needs outside the engine (e.g. a folder for a hosts file); undone by {@link #after}. */
        default void prepare(SandboxPolicy policy) { }

        /** The place the run's containers share, and nothing else reaches. */
        P createPlace(SandboxPolicy policy, ComposeProject project);

        /** The engine's name of the compose volume {@code volume} made for this run. */
        String createVolume(SandboxPolicy policy, String volume);

        /** Starts the supporting services in {@code depends_on} order, awaiting each by {@code deadline}. */
        void startServices(SandboxPolicy policy, ComposeProject project, Map<String, String> images, P place,
                           Map<String, String> volumes, long deadline, Consumer<String> onText);

        /** Runs the test: the runner's command in a container of {@code image}, made a member of {@code place}. */
        RawRun runTest(SandboxPolicy policy, String image, P place, String service, Runnable started,
                       Consumer<String> onText);

        /** Undoes {@link #prepare}, after the engine's things of the run are removed (or failed to be). */
        default void after() { }
    }

    private final ContainerEngine engine;
    private final CourseImages images;
    private final Object buildLock;

    /** @param buildLock held while images are built: one build at a time per runner */
    public ComposeRuns(ContainerEngine engine, CourseImages images, Object buildLock) {
        this.engine = engine;
        this.images = images;
        this.buildLock = buildLock;
    }

    /** One run of {@code request}, made by {@code steps}. */
    public <P> RunResult run(RunRequest request, RunListener listener, Steps<P> steps) {
        ComposeProject project = ComposeProject.load(request.course().root(), request.runner());
        Map<String, String> env = new LinkedHashMap<>(project.testEnvironment());
        env.putAll(request.extraEnv());
        RunRequest test = new RunRequest(request.course(), request.exercise(), request.runner(), request.workspace(),
                request.timeout(), env);
        try (SandboxPolicy policy = SandboxPolicy.builder(test).build()) {
            for (String note : project.notes()) {
                listener.output(PREFIX + note + "\n");
            }
            if (request.runner().networkAccess()) {
                listener.output(PREFIX + "network_access is not used: a compose run reaches only its own services\n");
            }
            steps.requireIsolation();
            Map<String, String> byService;
            synchronized (buildLock) {
                byService = images.forServices(request.course().id(), project, listener::output);
            }
            steps.prepare(policy);
            Object once = new Object(); // the exit hook and the run's end never remove at the same time
            Runnable cleanup = () -> {
                synchronized (once) {
                    try {
                        removeAll(policy.runId());
                    } finally {
                        steps.after();
                    }
                }
            };
            Thread hook = new Thread(() -> quietly(cleanup), "progy-compose-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            Throwable failure = null;
            try {
                long deadline = System.nanoTime() + policy.timeout().toNanos();
                P place = steps.createPlace(policy, project);
                Map<String, String> volumes = new LinkedHashMap<>();
                for (String volume : project.volumes()) {
                    volumes.put(volume, steps.createVolume(policy, volume));
                }
                steps.startServices(policy, project, byService, place, volumes, deadline, listener::output);
                String service = project.serviceToRun().name();
                RawRun raw = steps.runTest(policy, byService.get(service), place, service,
                        () -> listener.started(request), listener::output);
                RunResult result = ResultProtocol.read(raw, policy.limits());
                listener.finished(result);
                return result;
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                try {
                    cleanup.run();
                } catch (RuntimeException e) {
                    // what stopped the run matters more; the exit hook and progy gc try again
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                } finally {
                    removeHook(hook);
                }
            }
        }
    }

    /**
     * Removes everything of the run {@code runId} found by its label ({@value SandboxPolicy#LABEL_RUN}), so whatever
     * was made before a failure is found too, however far the run got; what is already gone counts as removed, and
     * a thing someone else is removing gets a moment to go first.
     *
     * @throws RunnerUnavailableException when the engine cannot be reached or keeps refusing a removal
     */
    public void removeAll(UUID runId) {
        List<ContainerEngine.Labelled> things = new ArrayList<>(
                engine.labelled(SandboxPolicy.LABEL_RUN, runId.toString()));
        things.removeIf(t -> !ORDER.contains(t.kind()));
        things.sort(Comparator.comparingInt(t -> ORDER.indexOf(t.kind())));
        for (ContainerEngine.Labelled t : things) {
            remove(t, runId);
        }
    }

    private void remove(ContainerEngine.Labelled t, UUID runId) {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                engine.remove(t.kind(), t.id());
                return;
            } catch (ContainerEngine.Refused refused) {
                // a container being removed by the runner's exit hook, or a volume still held by one going away
                if (System.nanoTime() - end > 0) {
                    String what = t.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + t.name();
                    throw new RunnerUnavailableException(engine.words().name() + " would not remove the compose run's "
                            + what + " (" + SandboxPolicy.LABEL_RUN + "=" + runId + "): " + refused.getMessage(),
                            "progy gc removes it once nothing uses it",
                            List.of(engine.words().id() + ": " + refused.getMessage()));
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            // progy gc finds what is left by its labels
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
    }
}
