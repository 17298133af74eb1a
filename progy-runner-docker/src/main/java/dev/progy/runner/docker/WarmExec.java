package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.sandbox.DiskWatch;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run as an exec session in a warm container: the policy's argv (after the image's entrypoint, as a cold
 * container runs it), environment, user and working folder; the output streamed and capped; at the timeout or
 * the output limit or the disk limit ({@link DiskWatch}) the whole container is killed, since Docker cannot kill an exec session.
 */
final class WarmExec {

    /** How long a killed container's exec stream gets to end before the run gives up on it. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** Exit code of a process ended by SIGKILL, as a killed cold container reports it. */
    static final int KILLED = 137;

    /**
     * What the exec did.
     *
     * @param raw    the run as the result protocol reads it
     * @param killed whether the container was killed (timeout, output limit, a throwing listener): it is gone for
     *               the next run
     */
    record Outcome(RawRun raw, boolean killed) { }

    private final DockerClient docker;
    private final EngineLocation address;
    private final String containerId;

    WarmExec(DockerClient docker, EngineLocation address, String containerId) {
        this.docker = docker;
        this.address = address;
        this.containerId = containerId;
    }

    /**
     * Runs {@code argv} under {@code policy}.
     *
     * @throws WarmContainer.Gone when the container is no longer there or no longer running
     */
    Outcome run(List<String> argv, SandboxPolicy policy, Runnable started, Consumer<String> onText) {
        String execId = create(argv, policy);
        CountDownLatch over = new CountDownLatch(1);
        CappedOutput output = new CappedOutput(policy.outputLimitBytes(), onText);
        ContainerOutput stream = new ContainerOutput(output, over::countDown, over::countDown);
        started.run();
        DiskWatch disk = policy.watchDisk(over::countDown);
        long t0 = System.nanoTime();
        try {
            docker.execStartCmd(execId).withDetach(false).withTty(false).exec(stream);
        } catch (RuntimeException e) {
            disk.close();
            throw DockerEngineCalls.failure(e, address, "start the run in the warm container");
        }
        boolean ended = await(over, policy.timeout());
        Duration duration = Duration.ofNanos(System.nanoTime() - t0);
        boolean timedOut = !ended;
        boolean kill = timedOut || output.truncated() || stream.listenerFailure() != null || disk.exceeded();
        if (kill) {
            WarmContainer.kill(docker, address, containerId);
        }
        settle(stream);
        output.close();
        boolean wroteTooMuch = disk.finish();
        if (stream.listenerFailure() != null) {
            throw stream.listenerFailure();
        }
        OptionalInt exitCode = exitCode(execId, kill);
        return new Outcome(new RawRun(exitCode, output.text(), output.truncated(), timedOut, false,
                ResultProtocol.readResultsFile(policy.outputDir()), duration, wroteTooMuch), kill);
    }

    private String create(List<String> argv, SandboxPolicy policy) {
        try {
            return docker.execCreateCmd(containerId)
                    .withCmd(argv.toArray(String[]::new))
                    .withEnv(policy.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withUser(policy.user())
                    .withWorkingDir(policy.workingDir())
                    .withPrivileged(false)
                    .withTty(false)
                    .withAttachStdin(false)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec().getId();
        } catch (NotFoundException | ConflictException gone) {
            throw new WarmContainer.Gone(gone.getMessage());
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "start a run in the warm container");
        }
    }

    /** The exec's exit code; a killed container's session may not say, and then it is SIGKILL's, as a cold one's. */
    private OptionalInt exitCode(String execId, boolean killed) {
        InspectExecResponse exec;
        try {
            exec = docker.inspectExecCmd(execId).exec();
        } catch (NotFoundException gone) {
            return killed ? OptionalInt.of(KILLED) : OptionalInt.empty();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "inspect the run in the warm container");
        }
        Long code = exec.getExitCodeLong();
        if (Boolean.TRUE.equals(exec.isRunning()) || code == null) {
            return killed ? OptionalInt.of(KILLED) : OptionalInt.empty();
        }
        return OptionalInt.of(code.intValue());
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Ctrl-C of an embedding tool: treated like a timeout, so the container is killed
            return false;
        }
    }

    private void settle(ContainerOutput stream) {
        try {
            stream.awaitCompletion(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the stream broke rather than ended: what was heard so far is the output
        } finally {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream is gone either way
            }
        }
    }
}
