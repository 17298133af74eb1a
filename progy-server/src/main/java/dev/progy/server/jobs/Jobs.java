package dev.progy.server.jobs;

import dev.progy.error.ProgyException;
import dev.progy.sync.hub.HubJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Durable jobs for the server's capabilities: {@link #register} a handler per kind, {@link #enqueue} work with an
 * idempotency key; any instance on the database runs it, one at a time, retrying a failed attempt after a
 * doubling delay until its attempts are spent (then it stays {@code failed} for an administrator to see).
 *
 * <p>An instance claims a due job when it has a free worker, and renews its lease every third of
 * {@link JobSettings#lease} while the handler runs; a job whose instance died is taken back once its lease ran
 * out, and run again by whichever instance claims it next. Stopping stops claiming, lets running jobs finish for
 * up to {@link JobSettings#grace}, and gives back those that did not, for another instance to run at once.
 *
 * <p>Metrics: {@code progy.jobs.runs} (a timer by kind and outcome: {@code done}, {@code retry}, {@code failed},
 * {@code lost}), {@code progy.jobs.running} (on this instance) and {@code progy.jobs.count} (by state, on the
 * whole database, refreshed every poll or 15 s at most).
 */
public final class Jobs implements AutoCloseable {

    /** One kind of job: its handler, how many attempts it gets, and the delay before its first retry. */
    private record Kind(JobHandler handler, int maxAttempts, Duration firstRetry) { }

    /** A job this instance runs. */
    private record Running(HubJobs.Claimed job, long startNanos) { }

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final int KEY_CHARS = 200;
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final Duration COUNTS_EVERY = Duration.ofSeconds(15);

    private final HubJobs store;
    private final Clock clock;
    private final JobSettings settings;
    private final MeterRegistry metrics;
    private final String owner;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final Semaphore free;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Object wake = new Object();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile boolean claiming = true;
    private volatile boolean woken;
    private long lastReclaim;
    private long lastCount;

    public Jobs(HubJobs store, Clock clock, JobSettings settings, MeterRegistry metrics) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.owner = instanceId();
        this.free = new Semaphore(Math.max(1, settings.workers()));
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.workers()), named("progy-job", false));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("progy-jobs", true));
        Gauge.builder("progy.jobs.running", running, Map::size).description("jobs this instance runs now")
                .register(metrics);
        for (String state : new String[] {HubJobs.QUEUED, HubJobs.RUNNING, HubJobs.DONE, HubJobs.FAILED}) {
            AtomicLong n = counts.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("progy.jobs.count", n, AtomicLong::get).tag("state", state)
                    .description("jobs on the database by state").register(metrics);
        }
        Thread poller = named("progy-jobs-poller", true).newThread(this::poll);
        poller.start();
        long renew = Math.max(50, settings.lease().toMillis() / 3);
        timers.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
    }

    /** Runs jobs of {@code kind} with {@code handler}: 5 attempts, the first retry after 10 seconds. */
    public void register(String kind, JobHandler handler) {
        register(kind, 5, Duration.ofSeconds(10), handler);
    }

    /**
     * Runs jobs of {@code kind} with {@code handler}, {@code maxAttempts} times at most, waiting {@code firstRetry}
     * before the first retry and twice as long before each next one (an hour at most).
     */
    public void register(String kind, int maxAttempts, Duration firstRetry, JobHandler handler) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a job kind is lower-case letters, digits, '.', '_' or '-': " + kind);
        }
        if (kinds.putIfAbsent(kind, new Kind(handler, Math.max(1, maxAttempts), firstRetry)) != null) {
            throw new IllegalStateException("jobs of kind " + kind + " have a handler already");
        }
        wakeUp();
    }

    /**
     * Queues a job of {@code kind} (which some instance must handle) to run as soon as an instance is free, unless a
     * job of that kind was queued with {@code key} before: then that job's id is returned and nothing is queued.
     */
    public HubJobs.Enqueued enqueue(String kind, String payload, String key) {
        Kind k = kinds.get(kind);
        if (k == null) {
            throw new ProgyException("No handler runs jobs of kind " + kind + ".",
                    "Register one with Jobs.register before enqueueing such jobs.");
        }
        if (key.isEmpty() || key.length() > KEY_CHARS) {
            throw new IllegalArgumentException("an idempotency key is 1 to " + KEY_CHARS + " characters");
        }
        long now = clock.millis();
        HubJobs.Enqueued e = store.enqueue(kind, key, payload, k.maxAttempts(), now, now);
        if (e.created()) {
            wakeUp();
        }
        return e;
    }

    /** This instance's name in the jobs it claims ({@code owner} in the admin view). */
    public String owner() {
        return owner;
    }

    private void poll() {
        while (claiming) {
            try {
                long now = clock.millis();
                if (now - lastReclaim >= settings.lease().toMillis() / 2) {
                    lastReclaim = now;
                    int back = store.reclaimExpired(now);
                    if (back > 0) {
                        LOG.atWarn().addKeyValue("jobs", back).log("took back jobs whose server stopped answering");
                    }
                }
                if (now - lastCount >= COUNTS_EVERY.toMillis()) {
                    lastCount = now;
                    store.counts().forEach((state, n) -> counts.computeIfAbsent(state, s -> new AtomicLong()).set(n));
                }
                Set<String> mine = Set.copyOf(kinds.keySet());
                while (claiming && free.tryAcquire()) {
                    Optional<HubJobs.Claimed> job = store.anyDue(mine, clock.millis())
                            ? store.claim(mine, owner, clock.millis(), clock.millis() + settings.lease().toMillis())
                            : Optional.empty();
                    if (job.isEmpty()) {
                        free.release();
                        break;
                    }
                    start(job.get());
                }
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("could not look for due jobs; trying again");
            }
            synchronized (wake) {
                if (!woken && claiming) {
                    try {
                        wake.wait(settings.poll().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private void start(HubJobs.Claimed claimed) {
        running.put(claimed.id(), new Running(claimed, System.nanoTime()));
        workers.execute(() -> {
            try {
                run(claimed);
            } finally {
                running.remove(claimed.id());
                free.release();
                wakeUp();
            }
        });
    }

    private void run(HubJobs.Claimed claimed) {
        Kind kind = kinds.get(claimed.kind());
        long start = System.nanoTime();
        String outcome;
        try {
            kind.handler().run(new Job(claimed.id(), claimed.kind(), claimed.key(), claimed.payload(),
                    claimed.attempt()));
            outcome = store.finish(claimed.id(), owner, claimed.attempt(), clock.millis()) ? "done" : "lost";
        } catch (Exception | LinkageError | AssertionError e) {
            String why = e.getMessage() == null || e.getMessage().isBlank()
                    ? "failed without saying why (" + e.getClass().getSimpleName() + ")" : e.getMessage();
            boolean last = claimed.attempt() >= claimed.maxAttempts();
            Optional<Long> retryAt = last ? Optional.empty()
                    : Optional.of(clock.millis() + backoff(kind.firstRetry(), claimed.attempt()).toMillis());
            LOG.atWarn().setCause(e).addKeyValue("job", claimed.id()).addKeyValue("kind", claimed.kind())
                    .addKeyValue("attempt", claimed.attempt()).log(last ? "job failed for good" : "job failed; will retry");
            try {
                outcome = store.fail(claimed.id(), owner, claimed.attempt(), why, retryAt, clock.millis())
                        ? (last ? "failed" : "retry") : "lost";
            } catch (RuntimeException recording) {
                LOG.atError().setCause(recording).log("could not record a job's failure; its lease will run out");
                outcome = "lost";
            }
        }
        if (outcome.equals("lost")) {
            LOG.atWarn().addKeyValue("job", claimed.id()).log("job ended after another server took it over");
        }
        Timer.builder("progy.jobs.runs").description("job attempts by kind and outcome")
                .tag("kind", claimed.kind()).tag("outcome", outcome)
                .register(metrics).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The delay before retry {@code attempt}: {@code first}, doubled each time, an hour at most. */
    static Duration backoff(Duration first, int attempt) {
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(LONGEST_RETRY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }

    private void renew() {
        long until = clock.millis() + settings.lease().toMillis();
        for (Running r : running.values()) {
            try {
                if (!store.renew(r.job().id(), owner, r.job().attempt(), until)) {
                    LOG.atWarn().addKeyValue("job", r.job().id())
                            .log("lost the lease of a running job: another server may run it now");
                }
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("job", r.job().id()).log("could not renew a job's lease");
            }
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /**
     * Stops claiming jobs, lets those running finish for up to the grace period (their leases still renewed), then
     * gives back those that did not and interrupts them.
     */
    @Override
    public void close() {
        claiming = false;
        wakeUp();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.grace().toMillis(), TimeUnit.MILLISECONDS)) {
                for (Running r : running.values()) {
                    try {
                        store.release(r.job().id(), owner, r.job().attempt(), clock.millis());
                    } catch (RuntimeException e) {
                        LOG.atWarn().setCause(e).log("could not give back a running job; its lease will run out");
                    }
                }
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        } finally {
            timers.shutdownNow();
        }
    }

    private static String instanceId() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        String host = System.getenv().getOrDefault("HOSTNAME", "server").replaceAll("[^A-Za-z0-9._-]", "");
        return (host.length() > 40 ? host.substring(0, 40) : host) + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(b);
    }

    private static java.util.concurrent.ThreadFactory named(String name, boolean daemon) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
