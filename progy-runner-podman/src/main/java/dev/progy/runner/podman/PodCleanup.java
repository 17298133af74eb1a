package dev.progy.runner.podman;

import dev.progy.spi.Leftover;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Removes everything of one compose run on Podman — its containers (with their anonymous volumes), its pod (with
 * the pod's infra container), its named volumes and its hosts file — found by the run's label
 * ({@value SandboxPolicy#LABEL_RUN}), so whatever was made before a failure is found too, however far the run got.
 * Safe to call more than once and from the JVM's exit hook; what is already gone counts as removed.
 */
final class PodCleanup implements Runnable {

    /** How long a removal someone else started (the runner's own exit hook) gets to end. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** Containers first (their anonymous volumes go with them only so), then the pod, then what they used. */
    private static final List<Leftover.Kind> ORDER = List.of(Leftover.Kind.CONTAINER, Leftover.Kind.POD,
            Leftover.Kind.NETWORK, Leftover.Kind.VOLUME);

    private final LibpodClient podman;
    private final String runId;
    private final Path hostsFolder;

    PodCleanup(LibpodClient podman, UUID runId, Path hostsFolder) {
        this.podman = podman;
        this.runId = runId.toString();
        this.hostsFolder = hostsFolder;
    }

    /**
     * Removes the run's containers, then its pod, then its volumes.
     *
     * @throws dev.progy.RunnerUnavailableException when the service cannot be reached or refuses a removal
     */
    @Override
    public synchronized void run() {
        LibpodAdmin admin = new LibpodAdmin(podman);
        try {
            List<LibpodAdmin.Labelled> things = new ArrayList<>(admin.labelled(SandboxPolicy.LABEL_RUN, runId));
            things.sort(Comparator.comparingInt(t -> ORDER.indexOf(t.kind())));
            for (LibpodAdmin.Labelled t : things) {
                remove(admin, t);
            }
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "remove what the compose run made ("
                    + SandboxPolicy.LABEL_RUN + "=" + runId + ")");
        } finally {
            deleteHostsFolder();
        }
    }

    /** The folder holds the hosts file only. */
    private void deleteHostsFolder() {
        try {
            Files.deleteIfExists(hostsFolder.resolve("hosts"));
            Files.deleteIfExists(hostsFolder);
        } catch (IOException e) {
            // a file in a temporary folder: the system clears it in time
        }
    }

    /** Removes one thing; one that someone else is removing right now gets a moment to go first. */
    private void remove(LibpodAdmin admin, LibpodAdmin.Labelled t) {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                admin.remove(t.kind(), t.id(), true);
                return;
            } catch (LibpodException e) {
                // 409 or 500 while a container is being removed, or a volume is still held by one going away
                if (System.nanoTime() - end > 0) {
                    throw e;
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

    /** {@link #run()} without failing: for the exit hook, where the service may be gone too (gc finds the rest). */
    void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // progy gc finds what is left by its labels
        }
    }
}
