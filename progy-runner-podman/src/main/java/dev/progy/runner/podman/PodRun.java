package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.ProgyException;
import dev.progy.model.RunResult;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * One run of a {@code docker-compose} course runner on Podman, the Podman way: in a pod of its own. The compose
 * file is read and checked first ({@link ComposeProject}: a file that escapes the sandbox is refused before the
 * service is asked for anything), the exercise's {@link SandboxPolicy} next, then the images (every missing one
 * reported at once, built ones built, none pulled). Then, for this run only: a pod whose members share one network
 * namespace holding nothing but loopback — so the services and the test reach each other on localhost, and by
 * service name through the run's hosts file, and nothing else: not the outside, not the host, not another
 * container — named volumes, and the supporting services ({@link PodServices}), started in {@code depends_on}
 * order and awaited within the run's time limit. The test is the runner's command in a container of the
 * service-to-run's image, made by {@link ContainerRun} from the policy exactly as for a {@code docker-file} run,
 * except that it joins the pod. The runner's {@code network_access} is not used: a compose run has no outside
 * access.
 *
 * <p>Everything the run made carries the policy's labels and is removed at its end, on success, failure and
 * timeout alike, and by an exit hook when the JVM ends mid-run ({@link PodCleanup}); {@code progy gc} finds what a
 * killed JVM left by the same labels. The run's time limit applies twice: once to starting the services, once to
 * the test itself.
 */
final class PodRun {

    private final LibpodClient podman;
    private final EngineCheck engine;
    private final Duration buildTimeout;
    private final LiveContainers live;
    private final ExecutorService threads;
    private final Object buildLock;

    /**
     * @param live      the runner's containers to remove when the JVM exits
     * @param buildLock held while images are built: one build at a time per runner
     */
    PodRun(LibpodClient podman, EngineCheck engine, Duration buildTimeout, LiveContainers live, ExecutorService threads,
           Object buildLock) {
        this.podman = podman;
        this.engine = engine;
        this.buildTimeout = buildTimeout;
        this.live = live;
        this.threads = threads;
        this.buildLock = buildLock;
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

    RunResult run(RunRequest request, RunListener listener) {
        ComposeProject project = ComposeProject.load(request.course().root(), request.runner());
        Map<String, String> env = new LinkedHashMap<>(project.testEnvironment());
        env.putAll(request.extraEnv());
        RunRequest test = new RunRequest(request.course(), request.exercise(), request.runner(), request.workspace(),
                request.timeout(), env);
        try (SandboxPolicy policy = SandboxPolicy.builder(test).build()) {
            for (String note : project.notes()) {
                listener.output(PodServices.PREFIX + note + "\n");
            }
            if (request.runner().networkAccess()) {
                listener.output(PodServices.PREFIX + "network_access is not used: a compose run reaches only its own"
                        + " services\n");
            }
            Map<String, String> images;
            synchronized (buildLock) {
                images = new ServiceImages(new CourseImage(podman, buildTimeout))
                        .resolve(request.course().id(), project, listener::output);
            }
            Path hostsFolder = hostsFolder(policy);
            PodCleanup cleanup = new PodCleanup(podman, policy.runId(), hostsFolder);
            Thread hook = new Thread(cleanup::runQuietly, "progy-pod-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            Throwable failure = null;
            try {
                return runIn(request, listener, project, policy, images, hostsFolder);
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
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), e.action());
        }
    }

    private RunResult runIn(RunRequest request, RunListener listener, ComposeProject project, SandboxPolicy policy,
                            Map<String, String> images, Path hostsFolder) {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        LibpodPods pods = new LibpodPods(podman);
        Pod pod = new Pod(createPod(pods, policy), writeHosts(hostsFolder, project));
        Map<String, String> volumes = new LinkedHashMap<>();
        for (String volume : project.volumes()) {
            volumes.put(volume, createVolume(pods, policy, volume));
        }
        new PodServices(podman, policy, project, images, pod, volumes, listener::output).start(deadline);
        String service = project.serviceToRun().name();
        RawRun raw = new ContainerRun(podman, engine, policy, images.get(service), live, threads).adjusting(pod::join)
                .run(() -> listener.started(request), listener::output);
        RunResult result = ResultProtocol.read(raw, policy.limits());
        listener.finished(result);
        return result;
    }

    private String createPod(LibpodPods pods, SandboxPolicy policy) {
        try {
            return pods.createPod(policy.containerName() + "-pod", policy.labels(), engine.rootless());
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "create the compose run's pod");
        }
    }

    private String createVolume(LibpodPods pods, SandboxPolicy policy, String volume) {
        try {
            return pods.createVolume(policy.containerName() + "-" + volume, policy.labels());
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "create the compose volume " + volume);
        }
    }

    /** A folder for the run's hosts file, beside its output folder (a place the service can mount from). */
    private static Path hostsFolder(SandboxPolicy policy) {
        try {
            return Files.createTempDirectory(policy.outputDir().getParent(), "progy-pod-");
        } catch (IOException e) {
            throw new ProgyException("could not create a folder for the compose run's hosts file: " + e.getMessage(),
                    "check that the temporary folder (java.io.tmpdir) exists and has space", e);
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
    }
}
