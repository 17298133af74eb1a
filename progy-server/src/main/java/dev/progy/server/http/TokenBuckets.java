package dev.progy.server.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets with Bucket4j: in memory for one instance (SQLite), or rows of {@code hub_rate_bucket} on
 * PostgreSQL that every instance takes from under a row lock ({@code SELECT … FOR UPDATE}), so a caller gets the
 * same allowance however a load balancer spreads its requests. A bucket's key carries its limit, so a changed
 * setting starts fresh buckets; rows of buckets that would be full again are deleted once a minute.
 */
public final class TokenBuckets {

    private static final Logger LOG = LoggerFactory.getLogger(TokenBuckets.class);
    /** Buckets kept in memory at most; the least recently used go first (a full bucket is as good as none). */
    private static final int IN_MEMORY = 100_000;

    private TokenBuckets() { }

    /** Buckets in this process's memory: for a single instance. */
    public static RateLimiter inMemory() {
        Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > IN_MEMORY;
            }
        };
        return (key, limit) -> {
            Bucket bucket;
            synchronized (buckets) {
                bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(bandwidth(limit)).build());
            }
            return waitOf(bucket.tryConsumeAndReturnRemaining(1));
        };
    }

    /** Buckets in the table {@code hub_rate_bucket} of the PostgreSQL behind {@code pool}, shared by every instance. */
    public static RateLimiter shared(DataSource pool) {
        ProxyManager<String> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("hub_rate_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progy-rate-sweeper");
            t.setDaemon(true);
            return t;
        });
        if (buckets instanceof ExpiredEntriesCleaner cleaner) {
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    while (cleaner.removeExpired(1000) == 1000) {
                        // more to remove
                    }
                } catch (RuntimeException e) {
                    LOG.atWarn().setCause(e).log("could not delete the rate-limit buckets that are full again");
                }
            }, 1, 1, TimeUnit.MINUTES);
        }
        return new RateLimiter() {
            @Override
            public Optional<Duration> take(String key, RateLimit limit) {
                BucketConfiguration config = BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
                try {
                    return waitOf(buckets.builder().build(key, () -> config).tryConsumeAndReturnRemaining(1));
                } catch (RuntimeException e) {
                    // the database did not answer in time (all bucket connections busy, or it is down): the request
                    // is neither let through uncounted nor failed as a server error
                    LOG.atWarn().setCause(e).log("could not take from a rate-limit bucket");
                    throw new ApiException(503, "busy", "The server is too busy to take this request just now. "
                            + "Try again in a second.", Optional.of(1L));
                }
            }

            @Override
            public void close() {
                sweeper.shutdownNow();
            }
        };
    }

    private static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build();
    }

    private static Optional<Duration> waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
