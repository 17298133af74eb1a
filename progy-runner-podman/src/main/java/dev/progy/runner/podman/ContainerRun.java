package dev.progy.runner.podman;

import dev.progy.spi.container.UnixSocketHttp;
import dev.progy.spi.container.EgressNetwork;
import dev.progy.spi.container.LiveContainers;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.DiskWatch;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One exercise run in one container made from a {@link SandboxPolicy}, one to one: create, start, stream the
 * output, wait up to the timeout, kill the container itself on a timeout or at the output limit, inspect, remove.
 *
 * <p>Out of memory: Podman marks a container {@code OOMKilled} when its monitor (conmon) saw the kernel's OOM
 * killer at work. On cgroups v1 hosts (and hybrid ones, like these VMs) it does not see it when the killed process
 * is not the container's first one, so the run also reads the container's own OOM kill count while it runs
 * ({@link OomWatch}): any process killed for memory makes the run out of memory, even when the program outlived
 * it and exited 0. Where that count cannot be read (a Podman machine, a remote service) on cgroups v1, a run
 * ending with exit code 137 (SIGKILL) that the runner did not send counts as out of memory: inside the container
 * nothing but the OOM killer sends SIGKILL to a sandboxed program, save the program itself.
 */
final class ContainerRun {

    /** How long a killed container and its output stream get to end before the run gives up on them. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** The exit code of a process ended by SIGKILL. */
    static final int KILLED = 137;

    private final LibpodClient podman;
    private final EngineCheck engine;
    private final SandboxPolicy policy;
    private final String image;
    private final LiveContainers live;
    private final ExecutorService threads;
    /** Whether the run was interrupted (Ctrl-C): the flag is held back while the container is killed and removed. */
    private boolean interrupted;
    /** Whether the container joins a compose run's pod, whose network is that run's own. */
    private boolean joinsPod;
    /** A change to the container's spec before it is created: a compose run's test joins its pod. */
    private java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> adjust =
            java.util.function.UnaryOperator.identity();

    ContainerRun(LibpodClient podman, EngineCheck engine, SandboxPolicy policy, String image, LiveContainers live,
                 ExecutorService threads) {
        this.podman = podman;
        this.engine = engine;
        this.policy = policy;
        this.image = image;
        this.live = live;
        this.threads = threads;
    }

    /** This run, with its container's spec changed by {@code adjust} before it is created. */
    ContainerRun adjusting(java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> adjust) {
        this.adjust = adjust;
        this.joinsPod = true;
        return this;
    }

    /**
     * Runs the container and returns what it did.
     *
     * @param started called just before the container starts
     * @param onText  hears the output as it arrives
     */
    RawRun run(Runnable started, Consumer<String> onText) {
        if (joinsPod || policy.egress().isEmpty()) {
            return runIn(started, onText);
        }
        if (engine.rootless()) {
            // a rootless service keeps its networks out of the host's reach, where the proxy listens
            throw new ProgyException("this course's runner limits its code to named hosts, which needs a rootful "
                    + "Podman service; the one at " + podman.address().uri() + " is rootless",
                    "use Docker (--engine docker) or a rootful Podman service for this course");
        }
        return EgressNetwork.around(new PodmanEngineCalls(podman), policy, onText, egress -> {
            String proxyUrl = egress.proxyUrl();
            this.adjust = spec -> {
                // join the run's network instead of having none
                spec.remove("netns");
                spec.putObject("netns").put("nsmode", "bridge");
                spec.putObject("networks").putObject(egress.name());
                com.fasterxml.jackson.databind.node.ObjectNode env = spec.putObject("env");
                policy.environment(proxyUrl).forEach(env::put);
                return spec;
            };
            return runIn(started, onText);
        });
    }

    private RawRun runIn(Runnable started, Consumer<String> onText) {
        String id = create();
        live.add(id, gone -> remove(podman, gone));
        Throwable failure = null;
        try {
            return startAndWait(id, started, onText);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            // calls on a socket fail at once on an interrupted thread: the flag is put back after the removal
            interrupted |= Thread.interrupted();
            try {
                remove(podman, id);
                live.remove(id);
            } catch (RuntimeException e) {
                // what stopped the run matters more; the container stays listed for the exit hook
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private String create() {
        try {
            return podman.create(adjust.apply(ContainerSpec.forRun(policy, image, engine.rootless())));
        } catch (LibpodException e) {
            if (e.status() == 404) {
                throw new ProgyException("the course's image " + image + " is not on the Podman service at "
                        + podman.address().uri(), "build it first, e.g. podman build -t " + image
                        + " . in the course folder");
            }
            throw PodmanEngineCalls.failure(e, podman.address(), "create the exercise's container");
        }
    }

    private RawRun startAndWait(String id, Runnable started, Consumer<String> onText) {
        CountDownLatch over = new CountDownLatch(1);
        CappedOutput output = new CappedOutput(policy.outputLimitBytes(), onText);
        OutputPump pump = new OutputPump(output, over::countDown);
        // attached before the start, so no output is missed; the service sends the head once attached
        CountDownLatch attached = new CountDownLatch(1);
        RuntimeException[] attachFailure = new RuntimeException[1];
        Future<?> reading = threads.submit(() -> {
            try (UnixSocketHttp.Exchange stream = podman.attach(id)) {
                attached.countDown();
                pump.drain(stream.body());
            } catch (RuntimeException e) {
                attachFailure[0] = e;
            } finally {
                attached.countDown();
            }
        });
        if (!Waiting.await(attached, SETTLE) || attachFailure[0] != null) {
            reading.cancel(true);
            interrupted |= Thread.interrupted();
            RuntimeException e = attachFailure[0];
            throw e instanceof LibpodException answered ? PodmanEngineCalls.failure(answered, podman.address(),
                    "attach to the exercise's container") : e != null ? e : new ProgyException("could not attach to"
                    + " the exercise's container within " + SETTLE.toSeconds() + " s", "run it again");
        }
        started.run();
        DiskWatch disk = policy.watchDisk(over::countDown);
        long t0 = System.nanoTime();
        try {
            podman.start(id);
        } catch (LibpodException e) {
            reading.cancel(true);
            disk.close();
            throw PodmanEngineCalls.failure(e, podman.address(), "start the exercise's container");
        }
        OomWatch oom = OomWatch.start(threads, id, () -> firstProcess(id));
        // the service answers a wait only once the container stopped: the call waits on its own thread
        Future<?> waiting = threads.submit(() -> {
            try (UnixSocketHttp.Exchange exited = podman.waitForStop(id)) {
                exited.bodyText(64);
            } catch (IOException | RuntimeException ended) {
                // cancelled by the run, or the service went away: inspect tells
            } finally {
                over.countDown();
            }
        });
        boolean ended = Waiting.await(over, policy.timeout());
        interrupted |= Thread.interrupted();
        Duration duration = Duration.ofNanos(System.nanoTime() - t0);
        boolean timedOut = !ended;
        boolean killed = timedOut || output.truncated() || pump.listenerFailure() != null || disk.exceeded();
        if (killed) {
            kill(id);
        }
        // the exit code is known once the container has stopped; the output once its attached stream ends
        Waiting.settle(waiting, SETTLE);
        Optional<Boolean> oomKills = oom.stop();
        Waiting.settle(reading, SETTLE);
        waiting.cancel(true); // interrupting a thread closes the connection it waits on
        reading.cancel(true);
        output.close();
        boolean wroteTooMuch = disk.finish();
        if (pump.listenerFailure() != null) {
            throw pump.listenerFailure();
        }
        LibpodClient.ContainerState state = inspect(id);
        OptionalInt exitCode = state.running() ? OptionalInt.empty() : OptionalInt.of(state.exitCode());
        boolean outOfMemory = state.oomKilled() || oomKills.orElseGet(() ->
                engine.cgroupsV1() && !killed && exitCode.isPresent() && exitCode.getAsInt() == KILLED);
        return new RawRun(exitCode, output.text(), output.truncated(), timedOut, outOfMemory,
                ResultProtocol.readResultsFile(policy.outputDir()), duration, wroteTooMuch);
    }

    /** The container's first process on the service's machine; 0 when it has ended or the service cannot say. */
    private long firstProcess(String id) {
        try {
            return podman.inspect(id).pid();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private LibpodClient.ContainerState inspect(String id) {
        try {
            return podman.inspect(id);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "inspect the exercise's container");
        }
    }

    private void kill(String id) {
        try {
            podman.kill(id);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "kill the exercise's container");
        }
    }

    /** Removes the container and what it holds; it may already be gone. */
    static void remove(LibpodClient podman, String id) {
        try {
            podman.remove(id);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "remove the exercise's container " + id);
        }
    }
}
