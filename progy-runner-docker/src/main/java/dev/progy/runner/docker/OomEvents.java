package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import dev.progy.spi.support.IsoInstants;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the kernel's OOM killer struck inside a container, as the engine recorded it: dockerd logs an {@code oom}
 * event whenever the container's memory cgroup killed a process (it learns it from containerd, which watches the
 * cgroup's OOM kill count), whichever process it was. The container's state ({@code OOMKilled}) may say so only
 * when its first process was the one killed; a program that survives the loss of a child must be reported too.
 */
final class OomEvents {

    /** How long reading the recorded events may take. */
    private static final long READ_TIMEOUT_SECONDS = 10;

    private OomEvents() { }

    /**
     * Whether container {@code id} had an {@code oom} event between {@code since} and {@code until} (the engine's
     * times; {@code until} must not lie ahead of the engine's clock, or the engine waits for it to come).
     */
    static boolean any(DockerHttpClient http, Supplier<DockerClient> docker, EngineLocation address, String id,
                       Instant since, Instant until) {
        Optional<Boolean> light = LightCalls.anyOomEvent(http, id, timestamp(since), timestamp(until));
        return light.isPresent() ? light.get() : any(docker.get(), address, id, since, until);
    }

    /**
     * Whether container {@code id} had an {@code oom} event between {@code since} and {@code until} (the engine's
     * times; {@code until} must not lie ahead of the engine's clock, or the engine waits for it to come).
     */
    static boolean any(DockerClient docker, EngineLocation address, String id, Instant since, Instant until) {
        AtomicBoolean oom = new AtomicBoolean();
        try (ResultCallback.Adapter<Event> events = docker.eventsCmd().withContainerFilter(id).withEventFilter("oom")
                .withSince(timestamp(since)).withUntil(timestamp(until))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        oom.set(true);
                    }
                })) {
            events.awaitCompletion(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            throw DockerEngineCalls.failure(e instanceof RuntimeException r ? r : new IllegalStateException(e), address,
                    "read the events of the exercise's container");
        }
        return oom.get();
    }

    /**
     * A time the engine reports (RFC 3339, e.g. a container's {@code Created}), or now on this machine when it is
     * missing, unset ({@code 0001-01-01T00:00:00Z}) or unreadable.
     */
    static Instant instant(String engineTime) {
        try {
            Instant t = engineTime == null ? null : IsoInstants.parse(engineTime);
            return t == null || t.getEpochSecond() <= 0 ? Instant.now() : t;
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /**
     * Docker's event time filter: seconds since the epoch, with nanoseconds (nine digits). Written by hand: this is
     * on every run's path, and {@code String.format} sets up the JDK's formatter and locale data in a cold command.
     */
    static String timestamp(Instant t) {
        String nanos = Integer.toString(t.getNano());
        return t.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos;
    }
}
