package dev.progy.server.http;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rate limits every route gets: one bucket per route and account, or per route and network address when
 * the caller has no valid token, sized by the route's {@link RateClass}. A request past it is refused with 429
 * {@code rate_limited} and {@code Retry-After}.
 *
 * @param buckets where the buckets are kept (shared by every instance on PostgreSQL)
 * @param limits  each class's limit; a class without one (as {@link RateClass#UNLIMITED}) is not limited
 * @param trustProxy a reverse proxy in front sets {@code X-Forwarded-For}: an anonymous caller's address is the
 *                   last hop it added, not the proxy's own
 */
public record RateLimits(RateLimiter buckets, Map<RateClass, RateLimit> limits, boolean trustProxy) {

    public RateLimits {
        limits = limits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(limits));
    }

    /** Limits for a server reached directly, with no proxy in front. */
    public RateLimits(RateLimiter buckets, Map<RateClass, RateLimit> limits) {
        this(buckets, limits, false);
    }

    /** The caller's network address: the last hop a trusted proxy added, else the connection's. */
    String clientAddress(String connection, String forwardedFor) {
        if (trustProxy && forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty() && last.length() <= 100) {
                return last;
            }
        }
        return connection;
    }

    /** No limits at all. */
    public static RateLimits none() {
        return new RateLimits((key, limit) -> Optional.empty(), Map.of());
    }

    /** Takes one request of {@code route} from the bucket of {@code caller}, else of {@code address}; refuses past it. */
    void take(Route route, Optional<Caller> caller, String address) {
        RateLimit limit = limits.get(route.rate());
        if (limit == null) {
            return;
        }
        String who = caller.map(c -> "account:" + c.account()).orElse("address:" + address);
        String key = route.method() + " " + route.path() + " " + who + " " + limit.capacity() + "/"
                + limit.period().toSeconds() + "s";
        Optional<Duration> wait = buckets.take(key, limit);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "rate_limited", "Too many requests to this address "
                    + (caller.isPresent() ? "from your account" : "from your network address")
                    + " (at most " + limit.capacity() + " in " + shown(limit.period()) + "). Try again in "
                    + seconds + (seconds == 1 ? " second." : " seconds."), Optional.of(seconds),
                    java.util.Map.of("fix", "Wait " + seconds + (seconds == 1 ? " second" : " seconds")
                            + " and send it again.", "resetsAt",
                            java.time.Instant.now().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                    .toString(), "limit", "rate"));
        }
    }

    private static String shown(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 == 1 ? "an hour" : s / 3600 + " hours";
        }
        if (s % 60 == 0) {
            return s / 60 == 1 ? "a minute" : s / 60 + " minutes";
        }
        return s + " seconds";
    }
}
