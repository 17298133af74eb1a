package dev.progy.runner.docker;

import dev.progy.spi.container.LiveContainers;
import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The warm containers of one runner: at most one per course image, kept for runs that share its
 * {@linkplain WarmContainer.Key key} (exercise folder, network choice, limits, user) and replaced by a run with
 * another. One output folder, emptied before each run, is mounted into all of them; runs are sequential, each
 * handed to the container's {@link dev.progy.spi.support.WarmAgent} (an exec where the agent cannot work).
 *
 * <p>A warm run's result must be the one a cold run would give, so whenever the two could differ the run is made
 * again in a cold container: when its process was killed without our doing (exit 137, which is also what a
 * container stopped under it gives) or the engine saw an out-of-memory kill in the container (a process killed
 * while the run carried on; only a cold container's end says {@code OOMKilled}). A container killed at a timeout
 * or the output limit is removed; one a run left processes in (as the agent counted them, or as the engine lists
 * them in the tidying after the run) is removed, and otherwise its {@code /tmp} is emptied for the next. An image that cannot keep a container alive runs cold from
 * then on, and the listener hears why once.
 */
final class WarmContainers {

    /** What the listener's notes of this class start with. */
    static final String PREFIX = "[warm] ";

    /** A run in a fresh container of its own, for when a warm one will not do. */
    @FunctionalInterface
    interface ColdRun {
        RawRun run(Runnable started);
    }

    private final EngineLocation address;
    private final LiveContainers live;
    private final Map<String, WarmContainer> byImage = new HashMap<>();
    private final Set<String> coldOnly = new HashSet<>();
    /** Volatile for the exit hook, which deletes it without waiting for a run still on. */
    private volatile Path outputFolder;
    private ExecutorService tidying;
    private ExecutorService agentThreads;
    private volatile boolean closing;

    /** @param live the runner's set of containers to remove on exit; warm ones are in it while they exist */
    WarmContainers(EngineLocation address, LiveContainers live) {
        this.address = address;
        this.live = live;
    }

    /** The folder mounted as every warm container's output folder, empty, for the next run. */
    synchronized Path emptyOutputFolder() {
        if (outputFolder != null && !empty(outputFolder)) {
            // what cannot be emptied is left to the system's temp cleaning; a new folder means new containers
            outputFolder = null;
        }
        if (outputFolder == null) {
            try {
                outputFolder = Files.createTempDirectory("progy-warm-out-").toRealPath();
            } catch (IOException e) {
                throw new ProgyException("could not create a folder for the runs' results: " + e.getMessage(),
                        "check that the temporary folder (java.io.tmpdir) exists and has space", e);
            }
        }
        return outputFolder;
    }

    /**
     * Runs what {@code policy} describes in the warm container for {@code image}, made or replaced first when
     * needed, or through {@code cold} when a warm container will not do.
     */
    synchronized RawRun run(DockerClient docker, SandboxPolicy policy, String image, Runnable started,
                            Consumer<String> onText, ColdRun cold) {
        WarmContainer container = closing || coldOnly.contains(image) ? null : ready(docker, policy, image, onText);
        if (container == null) {
            return cold.run(started);
        }
        WarmExec.Outcome outcome;
        try {
            outcome = container.run(policy, started, onText, agentThreads());
        } catch (WarmContainer.Gone gone) {
            // stopped or removed since the last run (e.g. by progy gc): nothing of this run has started yet
            drop(container);
            return cold.run(started);
        } catch (RuntimeException | Error e) {
            drop(container);
            throw e;
        }
        if (outcome.killed()) {
            drop(container);
            return outcome.raw();
        }
        boolean killedBySomeoneElse = outcome.raw().exitCode().orElse(0) == WarmExec.KILLED;
        if (killedBySomeoneElse || container.outOfMemory()) {
            drop(container);
            if (closing) {
                return outcome.raw();
            }
            onText.accept("\n" + PREFIX + "the run was killed, perhaps for lack of memory; running it again in a"
                    + " fresh container to tell\n");
            return cold.run(() -> { });
        }
        container.tidyAfterRun(policy.user(), tidying());
        return outcome.raw();
    }

    /** The thread that tidies containers after runs, made on first use. */
    private Executor tidying() {
        if (tidying == null) {
            tidying = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "progy-docker-warm-tidy");
                thread.setDaemon(true);
                return thread;
            });
        }
        return tidying;
    }

    /** The threads that read the agents' pipes, made on first use. */
    private ExecutorService agentThreads() {
        if (agentThreads == null) {
            agentThreads = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "progy-docker-warm-agent");
                thread.setDaemon(true);
                return thread;
            });
        }
        return agentThreads;
    }

    /** Marks the runner as closing: no warm container is made or reused from now on. */
    void closing() {
        closing = true;
    }

    /** Removes every warm container and the output folder; waits for a run still on. */
    synchronized void close() {
        closing = true;
        for (WarmContainer container : List.copyOf(byImage.values())) {
            container.readyForNextRun(); // lets its tidying end before it goes
            drop(container);
        }
        if (tidying != null) {
            tidying.shutdown();
            tidying = null;
        }
        if (agentThreads != null) {
            agentThreads.shutdownNow();
            agentThreads = null;
        }
        deleteOutputFolder();
    }

    /** Deletes the output folder and what the last run left in it; also called by the runner's exit hook. */
    void deleteOutputFolder() {
        Path folder = outputFolder;
        if (folder != null) {
            empty(folder);
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // a temp folder: the system's temp cleaning takes it
            }
            outputFolder = null;
        }
    }

    /** The image's warm container, emptied, for runs like this one; null when the image runs cold. */
    private WarmContainer ready(DockerClient docker, SandboxPolicy policy, String image, Consumer<String> onText) {
        WarmContainer container = byImage.get(image);
        if (container != null && (!container.readyForNextRun()
                || !container.key().equals(WarmContainer.Key.of(image, policy)))) {
            drop(container);
            container = null;
        }
        if (container == null) {
            try {
                container = WarmContainer.start(docker, address, policy, image, live, agentThreads());
            } catch (WarmContainer.CannotKeepAlive e) {
                coldOnly.add(image);
                onText.accept(PREFIX + "cannot keep a container of " + image + " alive (" + e.getMessage()
                        + "); each run of this image starts a fresh container\n");
                return null;
            }
            byImage.put(image, container);
        }
        return container;
    }

    private void drop(WarmContainer container) {
        byImage.remove(container.key().image(), container);
        try {
            container.remove();
        } catch (RuntimeException e) {
            // it stays in the runner's exit list, and progy gc finds it by its labels
        }
    }

    /** Deletes what {@code folder} holds, opening folders the run closed; false when something is left. */
    private static boolean empty(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(folder)) {
                        Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(dir));
                        if (perms.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE))) {
                            Files.setPosixFilePermissions(dir, perms);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    if (!dir.equals(folder)) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
