package dev.progy.server.analytics;

import dev.progy.server.jobs.Jobs;
import dev.progy.sync.hub.HubTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry's durable jobs: {@value #ROLL_UP} rolls a day's events up (queued by {@link #tick} for every day
 * with events whose roll-up is not final, once per day and instance-wide by its key), and {@value #RETENTION}
 * deletes the raw events older than {@code keepDays} whose day is rolled up for good. Every instance ticks every
 * {@code tick}; the job keys make each piece of work run once.
 */
public final class TelemetryRollUp implements AutoCloseable {

    public static final String ROLL_UP = "telemetry.rollup";
    public static final String RETENTION = "telemetry.retention";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRollUp.class);

    private final HubTelemetry store;
    private final Jobs jobs;
    private final Clock clock;
    private final int keepDays;
    private final Duration tick;
    private final ScheduledExecutorService timer;

    public TelemetryRollUp(HubTelemetry store, Jobs jobs, Clock clock, int keepDays, Duration tick) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.keepDays = keepDays;
        this.tick = tick;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progy-telemetry");
            t.setDaemon(true);
            return t;
        });
        jobs.register(ROLL_UP, 5, Duration.ofSeconds(30), job -> {
            HubTelemetry.RollUp r = store.rollUp(job.payload(), today());
            LOG.atInfo().addKeyValue("day", r.day()).addKeyValue("events", r.events()).addKeyValue("final", r.done())
                    .log("telemetry rolled up");
        });
        jobs.register(RETENTION, 5, Duration.ofMinutes(1), job -> {
            long gone = store.deleteRolledUp(LocalDate.parse(job.payload()));
            LOG.atInfo().addKeyValue("before", job.payload()).addKeyValue("events", gone)
                    .log("old telemetry deleted");
        });
    }

    /** Ticks now and then every {@code tick}. */
    public TelemetryRollUp start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("could not queue the telemetry jobs; trying again later");
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Queues the roll-ups of the days before today that are not final, and today's retention. */
    public void tick() {
        LocalDate today = today();
        for (String day : store.openDays()) {
            if (LocalDate.parse(day).isBefore(today)) {
                jobs.enqueue(ROLL_UP, day, "rollup:" + day + ":" + today);
            }
        }
        jobs.enqueue(RETENTION, today.minusDays(keepDays).toString(), "retention:" + today);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Stops ticking (jobs already queued run on, on any instance). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
