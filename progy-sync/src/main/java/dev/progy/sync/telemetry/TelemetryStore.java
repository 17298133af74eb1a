package dev.progy.sync.telemetry;

import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A workspace's telemetry on disk, in {@code .progy/telemetry/}: {@code state.log} (the student's answer and
 * when it was given, the installation id, the count of events dropped, per exercise its start and attempts, the batch
 * in flight) and {@code queue.jsonl} (one event per line, oldest first). Every change holds a file lock, so a run
 * appending and a background sender removing what it sent never lose each other's work. Both files are appended to,
 * and replaced by an atomic rename only now and then (a sent batch leaves the queue; a long state log is compacted); a
 * torn last line, left by a killed process, is ignored and cut before the next append, so a kill never corrupts
 * either.
 */
public final class TelemetryStore {

    /** At most this many events wait; beyond it the oldest tenth is dropped (and counted). */
    public static final int DEFAULT_CAP = 10_000;
    static final String DIR = "telemetry";
    /** The state's log: each line the keys one change set (key, record separator, value) or removed (key alone). */
    static final String STATE = "state.log";
    private static final String ENTRY = "\u001f";
    private static final char VALUE = '\u001e';
    private static final long COMPACT_AT = 16 * 1024;

    private final Path dir;
    private final int cap;

    private TelemetryStore(Path dir, int cap) {
        this.dir = dir;
        this.cap = cap;
    }

    /** The telemetry of the workspace whose state folder ({@code .progy/}) is {@code stateDir}. */
    public static TelemetryStore in(Path stateDir) {
        return new TelemetryStore(stateDir.resolve(DIR), DEFAULT_CAP);
    }

    /** The same store with another cap (tests). */
    public TelemetryStore withCap(int newCap) {
        return new TelemetryStore(dir, newCap);
    }

    /** The folder holding the files. */
    public Path dir() {
        return dir;
    }

    /**
     * Whether this workspace ever kept telemetry (its folder exists): a workspace without it was never asked or
     * turned on, so telemetry is off there and nothing is queued; a cheap check before any other work.
     */
    public boolean present() {
        return Files.isDirectory(dir);
    }

    /** The student's answer: on, off, or never given. */
    public enum Consent { ON, OFF, UNASKED }

    /** The recorded answer. */
    public Consent consent() {
        String v = read().getProperty("consent", "");
        return v.equals("on") ? Consent.ON : v.equals("off") ? Consent.OFF : Consent.UNASKED;
    }

    /** When the answer was given. */
    public Optional<Instant> consentAt() {
        return Optional.ofNullable(read().getProperty("consent_at")).map(Instant::parse);
    }

    /** Whether events are recorded now. */
    public boolean enabled() {
        return consent() == Consent.ON;
    }

    /** Records the answer with {@code at}; turning telemetry off also empties the queue (nothing is sent later). */
    public void setConsent(boolean on, Instant at) {
        update(p -> {
            p.setProperty("consent", on ? "on" : "off");
            p.setProperty("consent_at", at.toString());
            if (on) {
                p.computeIfAbsent("installation", k -> randomHex());
            } else {
                clearQueue(p);
            }
            return null;
        });
    }

    /** The random id of this installation (made when telemetry is first turned on); empty before. */
    public Optional<String> installation() {
        return Optional.ofNullable(read().getProperty("installation"));
    }

    /** Events dropped because the queue was full, since the installation began. */
    public long dropped() {
        return Long.parseLong(read().getProperty("dropped", "0"));
    }

    /** The events waiting, oldest first, as the JSON text of each. */
    public List<String> queued() {
        return withLock(() -> lines());
    }

    /**
     * Forgets this installation: a new id is drawn the next time telemetry is turned on, and the queue and the batch
     * in flight are cleared. The answer stays as it was, turned off.
     */
    public void forget(Instant at) {
        update(p -> {
            clearQueue(p);
            p.remove("installation");
            p.setProperty("consent", "off");
            p.setProperty("consent_at", at.toString());
            p.stringPropertyNames().stream().filter(k -> k.startsWith("ex.")).toList().forEach(p::remove);
            return null;
        });
    }

    // --- used by the recorder and the sender

    /**
     * Runs {@code change} on the state under the lock, then appends what it changed to the state's log as one line
     * (a kill tears at most that line, which is then ignored as a whole). Appending rather than replacing the file
     * keeps a run's cost to one small write: replacing a file by a rename costs a flush on common file systems.
     */
    <T> T update(Function<Properties, T> change) {
        return withLock(() -> {
            Properties before = read();
            Properties after = new Properties();
            after.putAll(before);
            T result = change.apply(after);
            writeChanges(before, after);
            return result;
        });
    }

    /** Appends events (one JSON text each) under the lock, dropping the oldest beyond the cap. */
    void append(Properties state, List<String> events) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        for (String e : events) {
            sb.append(e).append('\n');
        }
        Path queue = dir.resolve("queue.jsonl");
        try (FileChannel ch = FileChannel.open(queue, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            dropTornLine(ch);
            ch.position(ch.size());
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        int count = Integer.parseInt(state.getProperty("queued", "-1"));
        count = count < 0 ? lines().size() : count + events.size();
        if (count > cap) {
            // the oldest tenth goes at once, so that a queue kept full (offline for weeks) is rewritten once per
            // tenth of the cap and not on every event
            List<String> all = lines();
            int drop = all.size() - cap + Math.max(0, cap / 10 - 1);
            rewriteQueue(all.subList(drop, all.size()));
            state.setProperty("dropped", Long.toString(Long.parseLong(state.getProperty("dropped", "0")) + drop));
            // the batch in flight named events that are gone: the next one gets a new key
            state.remove("batch");
            state.remove("batch_count");
            count = all.size() - drop;
        }
        state.setProperty("queued", Integer.toString(count));
    }

    /** Cuts a last line left without its newline by a killed process, so that the next event starts a line. */
    private static void dropTornLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || last(ch, size) == '\n') {
            return;
        }
        long end = size - 1;
        while (end > 0 && last(ch, end) != '\n') {
            end--;
        }
        ch.truncate(end);
    }

    private static byte last(FileChannel ch, long upTo) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, upTo - 1);
        return one.get(0);
    }

    /** The whole events of the queue; a last line without its newline (torn by a kill) is left out. */
    List<String> lines() {
        try {
            String text = Files.readString(dir.resolve("queue.jsonl"), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                if (nl > start) {
                    out.add(text.substring(start, nl));
                }
                start = nl + 1;
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the queue with {@code events}, atomically. */
    void rewriteQueue(List<String> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(e).append('\n'));
        replace(dir.resolve("queue.jsonl"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void clearQueue(Properties p) {
        try {
            Files.deleteIfExists(dir.resolve("queue.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.setProperty("queued", "0");
        p.remove("batch");
        p.remove("batch_count");
        p.remove("batch_tries");
        p.remove("next_try");
    }

    /** The state: the log's lines applied in order, a torn last line left out. */
    Properties read() {
        Properties p = new Properties();
        String text;
        try {
            text = Files.readString(dir.resolve(STATE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            for (String entry : text.substring(start, nl).split(ENTRY)) {
                int eq = entry.indexOf(VALUE);
                if (eq > 0) {
                    p.setProperty(entry.substring(0, eq), entry.substring(eq + 1));
                } else if (!entry.isEmpty()) {
                    p.remove(entry);
                }
            }
            start = nl + 1;
        }
        return p;
    }

    private void writeChanges(Properties before, Properties after) {
        StringBuilder line = new StringBuilder();
        for (String k : after.stringPropertyNames()) {
            String v = after.getProperty(k);
            if (!v.equals(before.getProperty(k))) {
                line.append(line.length() == 0 ? "" : ENTRY).append(k).append(VALUE).append(v);
            }
        }
        for (String k : before.stringPropertyNames()) {
            if (after.getProperty(k) == null) {
                line.append(line.length() == 0 ? "" : ENTRY).append(k);
            }
        }
        if (line.length() == 0) {
            return;
        }
        try {
            Path log = dir.resolve(STATE);
            if (Files.exists(log) && Files.size(log) > COMPACT_AT) {
                // the log has grown: replace it by the state as one line, once in a long while
                StringBuilder all = new StringBuilder();
                for (String k : after.stringPropertyNames()) {
                    all.append(all.length() == 0 ? "" : ENTRY).append(k).append(VALUE).append(after.getProperty(k));
                }
                replace(log, all.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                dropTornLine(ch);
                ch.position(ch.size());
                ByteBuffer buf = ByteBuffer.wrap(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replace(Path target, byte[] content) {
        try {
            AtomicFiles.write(target, content, AtomicFiles.Durability.CACHE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T withLock(java.util.function.Supplier<T> body) {
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return body.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String randomHex() {
        byte[] b = new byte[16];
        Random.SOURCE.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Made on first use only: setting up a {@link SecureRandom} loads the security providers (≈ 15 ms of a cold
     * command), and most commands that open the store only read whether telemetry is on.
     */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }
}
