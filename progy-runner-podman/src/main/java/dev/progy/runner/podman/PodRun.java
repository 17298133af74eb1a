package dev.progy.runner.podman;

import dev.progy.spi.container.LiveContainers;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.container.ComposeRuns;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What Podman makes for one run of a {@code docker-compose} course runner, in the order and with the teardown
 * {@link ComposeRuns} sets — the Podman way, in a pod of its own: a pod whose members share one network namespace
 * holding nothing but loopback — so the services and the test reach each other on localhost, and by service name
 * through the run's hosts file, and nothing else: not the outside, not the host, not another container — named
 * volumes, the supporting services ({@link PodServices}), and the test in a container of the service-to-run's image
 * made by {@link ContainerRun} exactly as for a {@code docker-file} run, except that it joins the pod. A new one for
 * each run: it holds the run's hosts file, removed with the rest.
 */
final class PodRun implements ComposeRuns.Steps<PodRun.Pod> {

    private final LibpodClient podman;
    private final EngineCheck engine;
    private final LiveContainers live;
    private final ExecutorService threads;
    private Path hostsFolder;

    /** @param live the runner's containers to remove when the JVM exits */
    PodRun(LibpodClient podman, EngineCheck engine, LiveContainers live, ExecutorService threads) {
        this.podman = podman;
        this.engine = engine;
        this.live = live;
        this.threads = threads;
    }

    /** The run's pod, and the hosts file its members mount: each service's name for the pod's localhost. */
    record Pod(String id, Path hostsFile) {

        /** The hosts file as a read-only mount at {@code /etc/hosts}, for a container spec's {@code mounts}. */
        ObjectNode hostsMount() {
            ObjectNode mount = JsonNodeFactory.instance.objectNode().put("destination", "/etc/hosts").put("type", "bind")
                    .put("source", hostsFile.toString());
            mount.putArray("options").add("rbind").add("ro");
            return mount;
        }

        /**
         * The test's container spec, made a member of the pod: it shares the pod's network namespace instead of one
         * of its own (and, on a rootless service, the pod's user namespace).
         */
        ObjectNode join(ObjectNode spec) {
            spec.remove("netns");
            spec.remove("userns");
            spec.put("pod", id);
            spec.withArray("mounts").add(hostsMount());
            return spec;
        }
    }

    /** A folder for the run's hosts file, beside its output folder (a place the service can mount from). */
    @Override
    public void prepare(SandboxPolicy policy) {
        try {
            hostsFolder = Files.createTempDirectory(policy.outputDir().getParent(), "progy-pod-");
        } catch (IOException e) {
            throw new ProgyException("could not create a folder for the compose run's hosts file: " + e.getMessage(),
                    "check that the temporary folder (java.io.tmpdir) exists and has space", e);
        }
    }

    @Override
    public Pod createPlace(SandboxPolicy policy, ComposeProject project) {
        try {
            String id = new LibpodPods(podman).createPod(policy.containerName() + "-pod", policy.labels(),
                    engine.rootless());
            return new Pod(id, writeHosts(hostsFolder, project));
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "create the compose run's pod");
        }
    }

    @Override
    public String createVolume(SandboxPolicy policy, String volume) {
        try {
            return new LibpodPods(podman).createVolume(policy.containerName() + "-" + volume, policy.labels());
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "create the compose volume " + volume);
        }
    }

    @Override
    public void startServices(SandboxPolicy policy, ComposeProject project, Map<String, String> images, Pod pod,
                              Map<String, String> volumes, long deadline, Consumer<String> onText) {
        try {
            new PodServices(podman, policy, project, images, pod, volumes, onText).start(deadline);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), e.action());
        }
    }

    @Override
    public RawRun runTest(SandboxPolicy policy, String image, Pod pod, String service, Runnable started,
                          Consumer<String> onText) {
        try {
            return new ContainerRun(podman, engine, policy, image, live, threads).adjusting(pod::join)
                    .run(started, onText);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), e.action());
        }
    }

    /** The folder holds the hosts file only. */
    @Override
    public void after() {
        if (hostsFolder == null) {
            return;
        }
        try {
            Files.deleteIfExists(hostsFolder.resolve("hosts"));
            Files.deleteIfExists(hostsFolder);
        } catch (IOException e) {
            // a file in a temporary folder: the system clears it in time
        }
    }

    /** Every service's name for the pod's one localhost, readable by any user in the containers. */
    private static Path writeHosts(Path folder, ComposeProject project) {
        String names = project.services().stream().map(ComposeService::name).collect(Collectors.joining(" "));
        Path hosts = folder.resolve("hosts");
        try {
            Files.writeString(hosts, "127.0.0.1\tlocalhost " + names + "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
            Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProgyException("could not write the compose run's hosts file " + hosts + ": " + e.getMessage(),
                    "check that the temporary folder (java.io.tmpdir) is writable");
        }
        return hosts;
    }
}
