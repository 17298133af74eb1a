package dev.progy.server.tutor;

import dev.progy.server.http.RateLimit;
import dev.progy.server.http.RateLimiter;
import dev.progy.sync.hub.HubTutor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The AI's limits for an account: the per-minute rate (a Bucket4j bucket per account, in the shared
 * {@code hub_rate_bucket} rows on PostgreSQL, so every instance takes from the same one) and the plan's daily quota of
 * lessons and tokens (counted by one conditional {@code UPDATE} on the database, atomic across instances). A refusal
 * is a 429 with when it resets.
 */
public final class AiQuota {

    private final HubTutor store;
    private final AiPlans plans;
    private final RateLimiter buckets;
    private final RateLimit rate;
    private final Clock clock;

    public AiQuota(HubTutor store, AiPlans plans, RateLimiter buckets, RateLimit rate, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.buckets = buckets;
        this.rate = rate;
        this.clock = clock;
    }

    public AiPlans plans() {
        return plans;
    }

    /** The account's plan. */
    public AiPlans.Plan planOf(long account) {
        return plans.planOr(store.plan(account));
    }

    /** Today's date in UTC, as usage is kept. */
    public String today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    /** The next UTC midnight, when the daily quota starts again. */
    public Instant resetsAt() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Admits one lesson for the account: one request from its AI rate bucket, then one lesson of today's quota; a
     * refusal is answered 429 with when it resets ({@code limit} rate, lessons or tokens).
     *
     * @throws RuntimeException the refusal, which the tutor's routes answer as the contract says
     */
    public void admit(long account, AiPlans.Plan plan) {
        takeRate(account);
        takeLesson(account, plan);
    }

    /** Takes one request from the account's AI rate bucket; refuses (429) when it is empty. */
    void takeRate(long account) {
        Optional<Duration> wait = buckets.take("ai account:" + account + " " + rate.capacity() + "/"
                + rate.period().toSeconds() + "s", rate);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new Refused(429, "rate_limited", "Too many AI requests from your account (at most "
                    + rate.capacity() + " at once, then " + rate.capacity() + " every " + rate.period().toSeconds()
                    + " seconds).", "Wait " + seconds + (seconds == 1 ? " second" : " seconds")
                    + " and ask again.", Optional.of(clock.instant().plus(Duration.ofSeconds(seconds))), "rate",
                    seconds);
        }
    }

    /** Counts one lesson today under the plan's limits; refuses (429) when a limit is reached. */
    void takeLesson(long account, AiPlans.Plan plan) {
        long lessons = plan.lessons().orElse(-1);
        long tokens = plan.tokens().orElse(-1);
        if (store.takeLesson(account, today(), lessons, tokens)) {
            return;
        }
        HubTutor.Usage used = store.usage(account, today());
        boolean lessonsOut = lessons >= 0 && used.lessons() >= lessons;
        Instant reset = resetsAt();
        long seconds = Math.max(1, Duration.between(clock.instant(), reset).toSeconds());
        throw new Refused(429, "quota_exhausted", lessonsOut
                ? "Your plan (" + plan.name() + ") gives " + lessons + " tutor lessons a day, and you have had them."
                : "Your plan (" + plan.name() + ") gives " + tokens + " model tokens a day, and they are used up.",
                "It starts again at " + reset + " (midnight UTC); until then the course's own hints go on. An admin "
                        + "can give your account a larger plan.", Optional.of(reset),
                lessonsOut ? "lessons" : "tokens", seconds);
    }

    /** Gives back a lesson counted today that was not given after all. */
    void returnLesson(long account, String day) {
        store.returnLesson(account, day);
    }
}
