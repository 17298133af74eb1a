package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Removes everything of one compose run — its containers (with their anonymous volumes), its named volumes and
 * its network — found by the run's label ({@value SandboxPolicy#LABEL_RUN}), so whatever was made before a
 * failure is found too, however far the run got. Safe to call more than once and from the JVM's exit hook; what
 * is already gone counts as removed.
 */
final class ComposeCleanup implements Runnable {

    /** How long containers that someone else is removing get to go. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final EngineAddress address;
    private final String runId;
    private final String runLabel;

    ComposeCleanup(DockerClient docker, EngineAddress address, UUID runId) {
        this.docker = docker;
        this.address = address;
        this.runId = runId.toString();
        this.runLabel = SandboxPolicy.LABEL_RUN + "=" + runId;
    }

    /**
     * Removes the run's containers, then its volumes and its network (each in use until the containers go).
     *
     * @throws dev.progy.RunnerUnavailableException when the engine cannot be reached or refuses a removal
     */
    @Override
    public synchronized void run() {
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxPolicy.LABEL_RUN, runId))
                    .exec();
            List<String> removing = new ArrayList<>();
            for (Container c : containers) {
                try {
                    ContainerRun.remove(docker, c.getId());
                } catch (ConflictException inProgress) {
                    // the runner's own exit hook removes the test's container at the same time
                    removing.add(c.getId());
                }
            }
            awaitGone(removing);
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", List.of(runLabel)).exec()
                    .getVolumes();
            for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
                try {
                    docker.removeVolumeCmd(v.getName()).exec();
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
            }
            for (Network n : docker.listNetworksCmd().withFilter("label", List.of(runLabel)).exec()) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
            }
        } catch (RuntimeException e) {
            throw EngineFailure.of(e, address, "remove what the compose run made (" + runLabel + ")");
        }
    }

    /** Waits a little for containers someone else is removing: their volumes and network are in use until then. */
    private void awaitGone(List<String> ids) {
        long end = System.nanoTime() + SETTLE.toNanos();
        for (String id : ids) {
            while (System.nanoTime() < end) {
                try {
                    docker.inspectContainerCmd(id).exec();
                } catch (NotFoundException gone) {
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@link #run()} without failing: for the exit hook, where the engine may be gone too (gc finds the rest). */
    void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // progy gc finds what is left by its labels
        }
    }
}
