package dev.progy.server.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets by key. On PostgreSQL they are rows every instance shares ({@link TokenBuckets#shared}); on SQLite
 * (one instance) they are kept in memory ({@link TokenBuckets#inMemory}).
 */
public interface RateLimiter extends AutoCloseable {

    /** Takes one token from the bucket {@code key} (made with {@code limit} if new): empty when taken, else how long until one is. */
    Optional<Duration> take(String key, RateLimit limit);

    @Override
    default void close() { }
}
