package dev.progy.server.tutor;

import dev.progy.sync.hub.HubTutor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The plan's daily quota of lessons and tokens for an account, counted by one conditional {@code UPDATE} on the
 * database, atomic across instances; a refusal is a 429 with when it resets. (The per-minute rate is the routes'
 * rate class {@code AI}: the shared Bucket4j buckets, checked before the route runs.)
 */
public final class AiQuota {

    private final HubTutor store;
    private final AiPlans plans;
    private final Clock clock;

    public AiQuota(HubTutor store, AiPlans plans, Clock clock) {
        this.store = store;
        this.plans = plans;
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
     * Admits one lesson for the account: one lesson of today's quota; a refusal is answered 429 with when it resets
     * ({@code limit} lessons or tokens).
     *
     * @throws RuntimeException the refusal, which the tutor's routes answer as the contract says
     */
    public void admit(long account, AiPlans.Plan plan) {
        takeLesson(account, plan);
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
