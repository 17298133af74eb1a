package dev.progy.server.registry.stats;

import dev.progy.error.ProgyException;
import dev.progy.server.jobs.Jobs;
import dev.progy.sync.hub.HubDownloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The statistics' durable jobs, run by whichever instance is free, each once per day (the day is its idempotency
 * key), every one safe to run again:
 * <ol>
 *   <li>{@value #ROLL_UP}: a day that ended into daily counts ({@link HubDownloads#rollUp}: in batches, resumable);
 *       then it queues</li>
 *   <li>{@value #REFRESH}: the rankings over 7 days, 30 days and all time, as of the last complete day;</li>
 *   <li>{@value #ARCHIVE}: a rolled-up day older than {@link Settings#keepDays} written to a gzip-compressed CSV
 *       file in the {@link ArchiveStore} ({@code downloads/2026/11/2026-11-05.csv.gz}), read back and checked
 *       (its SHA-256 and its number of rows), and only then its events deleted. A day whose file could not be
 *       written or checked keeps its events; the job is tried again later.</li>
 * </ol>
 * {@link #tick} queues what is due (every day from the oldest stored event to yesterday not yet rolled up, and
 * the days to archive); every instance ticks every {@link Settings#tick}, and the keys make it queue each once.
 */
public final class DownloadStats implements AutoCloseable {

    public static final String ROLL_UP = "downloads.rollup";
    public static final String REFRESH = "downloads.refresh";
    public static final String ARCHIVE = "downloads.archive";
    static final String HEADER = "id,course,version,day,client,cli,at_ms";

    /**
     * How the statistics are kept.
     *
     * @param keepDays raw events are archived and deleted once older than this many days
     * @param batch    events read or deleted per transaction
     * @param tick     how often an instance looks for due work
     * @param grace    how long after midnight (UTC) a day is rolled up: downloads still queued then get stored
     */
    public record Settings(int keepDays, int batch, Duration tick, Duration grace) {
        public static final Settings DEFAULT = new Settings(30, 50_000, Duration.ofHours(1), Duration.ofMinutes(10));
    }

    private static final Logger LOG = LoggerFactory.getLogger(DownloadStats.class);
    /** The most days queued at once when catching up (a server off for a long time). */
    private static final int MOST_DAYS = 400;

    private final HubDownloads store;
    private final Jobs jobs;
    private final ArchiveStore archive;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService timer;

    /** Registers the jobs with {@code jobs}; {@link #start} begins ticking. */
    public DownloadStats(HubDownloads store, Jobs jobs, ArchiveStore archive, Clock clock, Settings settings) {
        this.store = store;
        this.jobs = jobs;
        this.archive = archive;
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progy-download-stats");
            t.setDaemon(true);
            return t;
        });
        jobs.register(ROLL_UP, 5, Duration.ofSeconds(30), job -> {
            HubDownloads.RollUp r = store.rollUp(job.payload(), settings.batch());
            LOG.atInfo().addKeyValue("day", r.day()).addKeyValue("events", r.events())
                    .addKeyValue("downloads", r.counted()).log("downloads rolled up");
            jobs.enqueue(REFRESH, lastComplete().toString(), "refresh:" + job.payload());
        });
        jobs.register(REFRESH, 5, Duration.ofSeconds(30), job -> store.refresh(job.payload()));
        jobs.register(ARCHIVE, 10, Duration.ofMinutes(1), job -> archive(job.payload()));
    }

    /** Ticks now and then every {@link Settings#tick}. */
    public DownloadStats start() {
        long every = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("could not queue the download statistics' jobs; trying again later");
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Queues the roll-ups and archives that are due. */
    public void tick() {
        LocalDate last = lastComplete();
        Optional<String> first = store.firstEventDay();
        if (first.isPresent()) {
            LocalDate from = LocalDate.parse(first.get());
            if (from.isBefore(last.minusDays(MOST_DAYS))) {
                from = last.minusDays(MOST_DAYS);
            }
            for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1)) {
                String day = d.toString();
                if (store.rollUpOf(day).map(r -> !r.done()).orElse(true)) {
                    jobs.enqueue(ROLL_UP, day, "rollup:" + day);
                }
            }
        }
        String before = today().minusDays(settings.keepDays()).toString();
        for (String day : store.archivable(before)) {
            jobs.enqueue(ARCHIVE, day, "archive:" + day);
        }
    }

    /** The last day that ended, with its grace period passed. */
    LocalDate lastComplete() {
        return clock.instant().minus(settings.grace()).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The archive file of {@code day}. */
    static String key(String day) {
        return "downloads/" + day.substring(0, 4) + "/" + day.substring(5, 7) + "/" + day + ".csv.gz";
    }

    /**
     * Writes {@code day}'s events to their archive file, checks it, records it, then deletes them. A day archived
     * before (the job stopped while deleting) is checked again and its deletion finished.
     */
    public void archive(String day) throws IOException {
        Optional<HubDownloads.Archived> done = store.archiveOf(day);
        if (done.isPresent()) {
            check(done.get().file(), done.get().sha256(), done.get().events());
        } else {
            Path file = Files.createTempFile("progy-downloads-" + day + "-", ".csv.gz");
            try {
                long events;
                MessageDigest sha = sha256();
                try (OutputStream raw = Files.newOutputStream(file);
                     Writer out = new OutputStreamWriter(new GZIPOutputStream(new java.security.DigestOutputStream(
                             raw, sha), 1 << 16), StandardCharsets.UTF_8)) {
                    out.write(HEADER + "\n");
                    try {
                        events = store.eachEvent(day, settings.batch(), e -> out.write(e.id() + "," + csv(e.course())
                                + "," + csv(e.version()) + "," + e.day() + "," + e.client() + "," + (e.cli() ? 1 : 0)
                                + "," + e.atMs() + "\n"));
                    } catch (IOException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                String key = key(day);
                archive.put(key, file);
                check(key, digest, events);
                store.archived(new HubDownloads.Archived(day, key, events, digest));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        long gone = store.deleteEvents(day, settings.batch());
        LOG.atInfo().addKeyValue("day", day).addKeyValue("events", gone).log("downloads archived");
    }

    /** Reads the archive {@code key} back: it must have this SHA-256 and hold this many events. */
    private void check(String key, String sha256, long events) throws IOException {
        Optional<InputStream> stored = archive.get(key);
        if (stored.isEmpty()) {
            throw new ProgyException("The download archive " + key + " is missing from the archive store.",
                    "Check the archive store; the day's events stay until their file is written.");
        }
        MessageDigest sha = sha256();
        long rows = -1; // the header is no event
        try (InputStream in = stored.get(); DigestInputStream all = new DigestInputStream(in, sha);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(all, 1 << 16),
                     StandardCharsets.UTF_8))) {
            while (r.readLine() != null) {
                rows++;
            }
            all.transferTo(OutputStream.nullOutputStream()); // the digest covers every byte stored
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (!digest.equals(sha256) || rows != events) {
            throw new ProgyException("The download archive " + key + " reads back other than written (" + rows
                    + " of " + events + " events).",
                    "Check the archive store; the day's events stay until their file reads back whole.");
        }
    }

    private static String csv(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Stops ticking (jobs already queued run on, on any instance). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
