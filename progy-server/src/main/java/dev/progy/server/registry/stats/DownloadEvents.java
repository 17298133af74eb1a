package dev.progy.server.registry.stats;

import dev.progy.server.registry.DownloadCounter;
import dev.progy.sync.hub.HubDownloads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records each archive served as one download event without slowing the download: {@link #served} only offers the
 * event to a bounded queue (never blocks; when the queue is full the event is dropped and counted in
 * {@code progy.downloads.dropped}); one background writer drains it in batches, hashes who downloaded with the
 * day's secret salt (so the database never holds an account or an address) and stores the batch in one
 * transaction. Closing stops taking events and writes what is queued.
 *
 * <p>Metrics: {@code progy.downloads.recorded}, {@code progy.downloads.dropped} (queue full),
 * {@code progy.downloads.lost} (the database refused a batch twice), {@code progy.downloads.queued}.
 */
public final class DownloadEvents implements DownloadCounter, AutoCloseable {

    /** The CLI's user agent starts so; only it counts toward public figures. */
    static final String CLI_AGENT = "progy-cli/";

    /** A download as the caller's thread saw it: nothing computed yet. */
    private record Served(String course, String version, Optional<String> account, String address, String agent,
                          long atMs) { }

    /** How long the writer lets events gather before it stores a batch that is not full. */
    private static final long LINGER_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DownloadEvents.class);
    /** Ids count milliseconds from 2026-01-01 (good for some 70 years in the 41 bits they get). */
    private static final long EPOCH_MS = 1_767_225_600_000L;

    private final HubDownloads store;
    private final Clock clock;
    private final BlockingQueue<Served> queue;
    private final int batch;
    private final Counter recorded;
    private final Counter dropped;
    private final Counter lost;
    private final Thread writer;
    /** This instance's 10 bits of every id it makes, so instances on one database rarely make the same. */
    private final long instance = new SecureRandom().nextInt(1 << 10);
    private long lastMs;
    private int sequence;
    private volatile boolean open = true;
    private String saltDay = "";
    private String salt = "";

    /** Records into {@code store}, queueing up to {@code capacity} events, writing up to {@code batch} at a time. */
    public DownloadEvents(HubDownloads store, Clock clock, int capacity, int batch, MeterRegistry metrics) {
        this.store = store;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batch = batch;
        this.recorded = Counter.builder("progy.downloads.recorded").description("download events stored")
                .register(metrics);
        this.dropped = Counter.builder("progy.downloads.dropped")
                .description("download events dropped because the queue was full").register(metrics);
        this.lost = Counter.builder("progy.downloads.lost")
                .description("download events the database refused twice").register(metrics);
        Gauge.builder("progy.downloads.queued", queue, BlockingQueue::size)
                .description("download events waiting to be stored").register(metrics);
        this.writer = new Thread(this::drain, "progy-download-events");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void served(String course, String version, Optional<String> account, String address, String userAgent) {
        if (!open || !queue.offer(new Served(course, version, account, address, userAgent == null ? "" : userAgent,
                clock.millis()))) {
            dropped.increment();
        }
    }

    /** Events waiting to be stored. */
    public int queued() {
        return queue.size();
    }

    private void drain() {
        List<Served> taken = new ArrayList<>(batch);
        while (open || !queue.isEmpty()) {
            try {
                Served first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (open && queue.size() < batch - 1) {
                    // a transaction per few events would cost more than the events: let a batch gather
                    Thread.sleep(LINGER_MS);
                }
                taken.add(first);
                queue.drainTo(taken, batch - 1);
                write(taken);
            } catch (InterruptedException e) {
                if (!open) {
                    queue.drainTo(taken);
                    write(taken);
                    return;
                }
            } finally {
                taken.clear();
            }
        }
    }

    private void write(List<Served> taken) {
        if (taken.isEmpty()) {
            return;
        }
        List<HubDownloads.Event> events = new ArrayList<>(taken.size());
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                events.clear();
                for (Served s : taken) {
                    String day = Instant.ofEpochMilli(s.atMs()).atZone(ZoneOffset.UTC).toLocalDate().toString();
                    String who = s.account().map(a -> "account:" + a).orElse("address:" + s.address());
                    events.add(new HubDownloads.Event(nextId(s.atMs()), s.course(), s.version(), day,
                            hash(saltOf(day), who), s.agent().startsWith(CLI_AGENT), s.atMs()));
                }
                store.record(events);
                recorded.increment(events.size());
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    lost.increment(taken.size());
                    LOG.atWarn().setCause(e).addKeyValue("events", taken.size())
                            .log("could not store download events; they are not counted");
                } else {
                    pause();
                }
            }
        }
    }

    /**
     * An id that grows with time (milliseconds, this instance's bits, a sequence within the millisecond), so the
     * events' indexes are appended to rather than written at random places.
     */
    private long nextId(long atMs) {
        long ms = Math.max(atMs - EPOCH_MS, lastMs);
        if (ms == lastMs && ++sequence >= 1 << 12) {
            ms++;
        }
        if (ms != lastMs) {
            sequence = 0;
        }
        lastMs = ms;
        return ms << 22 | instance << 12 | sequence;
    }

    private String saltOf(String day) {
        if (!day.equals(saltDay)) {
            salt = store.salt(day);
            saltDay = day;
        }
        return salt;
    }

    private static String hash(String salt, String who) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            byte[] d = sha.digest(who.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking events, stores those queued (for up to 10 seconds), and stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            LOG.atWarn().addKeyValue("events", queue.size()).log("stopped before every download event was stored");
        }
    }
}
