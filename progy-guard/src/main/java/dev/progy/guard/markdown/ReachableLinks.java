package dev.progy.guard.markdown;

import dev.progy.spi.support.CacheFolders;
import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The external URLs that answered recently, remembered across runs in one small file so that checking a course
 * again (as authors do while fixing it) does not ask every server again. Only good answers are kept, for a day:
 * a broken or unreachable link is always asked again, so a fix is seen at once and a failure is never stale.
 * Loopback URLs are never kept: the author's own machine answering says nothing about the next run.
 */
final class ReachableLinks {

    /** Remembers nothing: every run asks every URL. */
    static final ReachableLinks NONE = new ReachableLinks(null, Duration.ZERO, Clock.systemUTC());

    /** How long a good answer is trusted. */
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    /** The file stays small: past this many URLs the oldest are dropped. */
    static final int MAX_ENTRIES = 10_000;

    private final Path file;
    private final Duration ttl;
    private final Clock clock;
    private Map<String, Instant> entries;

    /** Remembers in {@code file} (created on first write) for {@code ttl}, the time read from {@code clock}. */
    ReachableLinks(Path file, Duration ttl, Clock clock) {
        this.file = file;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** In the user's cache folder ({@code progy/guard-reachable-links.tsv}); {@link #NONE} when there is none. */
    static ReachableLinks inUserCacheDir() {
        return CacheFolders.progy().map(dir -> new ReachableLinks(dir.resolve("guard-reachable-links.tsv"),
                DEFAULT_TTL, Clock.systemUTC())).orElse(NONE);
    }

    /** Whether {@code url} answered well less than the time to live ago. */
    synchronized boolean recentlyReachable(String url) {
        Instant at = entries().get(url);
        return at != null && at.plus(ttl).isAfter(clock.instant());
    }

    /** Remembers that these URLs answered well just now, and writes the file (a failure to write only loses the cache). */
    synchronized void remember(Collection<String> urls) {
        if (file == null || urls.isEmpty()) {
            return;
        }
        Map<String, Instant> kept = new HashMap<>(entries());
        Instant now = clock.instant();
        kept.values().removeIf(at -> !at.plus(ttl).isAfter(now));
        urls.stream().filter(u -> !loopback(u)).forEach(u -> kept.put(u, now));
        StringBuilder text = new StringBuilder();
        kept.entrySet().stream().sorted(Map.Entry.<String, Instant>comparingByValue().reversed()).limit(MAX_ENTRIES)
                .forEach(e -> text.append(e.getValue().toEpochMilli()).append('\t').append(e.getKey()).append('\n'));
        entries = kept;
        try {
            // a concurrent run either sees the old file or this one, never half of it
            AtomicFiles.write(file, text.toString(), AtomicFiles.Durability.CACHE);
        } catch (IOException | UnsupportedOperationException e) {
            // a cache that cannot be written costs the next run some requests, nothing else
        }
    }

    private Map<String, Instant> entries() {
        if (entries == null) {
            entries = new HashMap<>();
            if (file != null && Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String[] cells = line.split("\t", 2);
                        if (cells.length == 2 && cells[0].matches("\\d{1,19}")) {
                            entries.put(cells[1], Instant.ofEpochMilli(Long.parseLong(cells[0])));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    entries.clear(); // a damaged cache is an empty one
                }
            }
        }
        return entries;
    }

    private static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null || host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
        } catch (IllegalArgumentException e) {
            return true; // not a URL worth remembering either
        }
    }

}
