package dev.progy.server.tutor;

import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.jobs.Jobs;
import dev.progy.sync.hub.HubTutor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The AI tutor put together: sealed keys, plans and quotas, the models, the lesson job ({@code tutor.lesson}) and the
 * master-key re-wrap job ({@code ai.rewrap}), both registered on construction so any instance runs them.
 */
public final class Tutor {

    public static final String LESSON_JOB = "tutor.lesson";
    public static final String REWRAP_JOB = "ai.rewrap";
    private static final int SAMPLES = 4096;

    private final HubTutor store;
    private final TutorModels models;
    private final AiQuota quota;
    private final Jobs jobs;
    private final SolutionSource solutions;
    private final Clock clock;
    private final long[] overheads = new long[SAMPLES];
    private int overheadCount;

    public Tutor(HubTutor store, TutorModels models, AiQuota quota, Jobs jobs, SolutionSource solutions, Clock clock) {
        this.store = store;
        this.models = models;
        this.quota = quota;
        this.jobs = jobs;
        this.solutions = solutions;
        this.clock = clock;
        jobs.register(LESSON_JOB, 3, Duration.ofSeconds(5), new TutorJob(this));
        jobs.register(REWRAP_JOB, 5, Duration.ofSeconds(10), job -> rewrapAll(store, models.vault()));
    }

    /** Every route of the tutor: keys, usage, lessons. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(AiKeyRoutes.routes(this));
        all.addAll(TutorRoutes.routes(this));
        return all;
    }

    /**
     * Re-wraps the data key of every stored AI key whose master key is not the current one; returns how many.
     * Safe to run again, and beside requests that set keys (a key replaced meanwhile is left as its writer sealed it).
     */
    public static int rewrapAll(HubTutor store, KeyVault vault) {
        vault.masters().reload();
        String current = vault.masters().currentId();
        int done = 0;
        java.util.Set<Long> failed = new java.util.HashSet<>();
        while (true) {
            List<HubTutor.StoredKey> batch = store.keysNotWrappedBy(current, 100 + failed.size()).stream()
                    .filter(k -> !failed.contains(k.account())).toList();
            if (batch.isEmpty()) {
                break;
            }
            for (HubTutor.StoredKey k : batch) {
                try {
                    if (store.rewrap(k.account(), k.sealed(), vault.rewrap(k.account(), k.sealed()))) {
                        done++;
                    }
                } catch (dev.progy.error.ProgyException e) {
                    failed.add(k.account());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " stored AI key(s) could not be opened to re-wrap: their "
                    + "master key is missing from the key file or their record was changed");
        }
        return done;
    }

    void enqueue(String lessonId) {
        jobs.enqueue(LESSON_JOB, lessonId, "lesson:" + lessonId);
    }

    /** Answers {@code work}, or the refusal it threw as the tutor's contract answers refusals. */
    static Reply guarded(Supplier<Reply> work) {
        try {
            return work.get();
        } catch (Refused r) {
            return r.reply();
        }
    }

    /** Records the server's own time spent on one lesson (model time excluded). */
    synchronized void overhead(long nanos) {
        overheads[overheadCount++ % SAMPLES] = nanos;
    }

    /** Forgets the recorded times (a benchmark's warm-up). */
    public synchronized void clearOverheads() {
        overheadCount = 0;
    }

    /** The last lessons' own server time (model time excluded), in nanoseconds, sorted. */
    public synchronized long[] overheads() {
        long[] all = Arrays.copyOf(overheads, Math.min(overheadCount, SAMPLES));
        Arrays.sort(all);
        return all;
    }

    public HubTutor store() {
        return store;
    }

    public TutorModels models() {
        return models;
    }

    public AiQuota quota() {
        return quota;
    }

    SolutionSource solutions() {
        return solutions;
    }

    Clock clock() {
        return clock;
    }
}
