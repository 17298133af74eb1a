package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Durable jobs, rows of {@code hub_job} shared by every server instance: a job is enqueued once per kind and
 * idempotency key, claimed by one instance at a time, and runs under a lease the claiming instance renews. A job
 * whose lease ran out (its instance died or stalled) is queued again, counting the attempt; each change of a
 * running job names the instance and the attempt that claimed it, so an instance that lost its lease cannot
 * complete or fail the job another now runs.
 *
 * <p>Claiming: on PostgreSQL, {@code SELECT … FOR UPDATE SKIP LOCKED} inside the claiming transaction, so
 * instances never wait on each other's claims; on SQLite, {@code BEGIN IMMEDIATE} (one writer) does the same.
 * States: {@code queued} → {@code running} → {@code done}, or back to {@code queued} (a retry, at
 * {@code run_at_ms}), or {@code failed} once its attempts are spent.
 */
public final class HubJobs {

    /** A job as an administrator sees it. */
    public record Job(long id, String kind, String key, String state, int attempts, int maxAttempts, long runAtMs,
                      Optional<String> owner, Optional<Long> leaseMs, Optional<String> lastError, long createdMs,
                      Optional<Long> finishedMs) { }

    /** A job claimed to run: the {@code attempt}-th, by the instance that claimed it. */
    public record Claimed(long id, String kind, String key, String payload, int attempt, int maxAttempts) { }

    /** What enqueueing did: the job's id, and whether it is new (false: the key was enqueued before). */
    public record Enqueued(long id, boolean created) { }

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** The longest error text kept with a job. */
    private static final int ERROR_CHARS = 2000;
    private static final SecureRandom IDS = new SecureRandom();
    private static final String COLUMNS = "id, kind, job_key, state, attempts, max_attempts, run_at_ms, owner, "
            + "lease_ms, last_error, created_ms, finished_ms";

    private final HubDatabase db;

    HubJobs(HubDatabase db) {
        this.db = db;
    }

    /** Queues a job of {@code kind} unless one with that key was queued before (in any state). */
    public Enqueued enqueue(String kind, String key, String payload, int maxAttempts, long runAtMs, long nowMs) {
        return db.writing("queue a job in", c -> {
            Optional<Long> existing = idOf(c, kind, key);
            if (existing.isPresent()) {
                return new Enqueued(existing.get(), false);
            }
            long id = IDS.nextLong() & Long.MAX_VALUE;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_job (id, kind, job_key, payload, state, "
                    + "attempts, max_attempts, run_at_ms, created_ms) VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?) "
                    + "ON CONFLICT (kind, job_key) DO NOTHING")) {
                p.setLong(1, id);
                p.setString(2, kind);
                p.setString(3, key);
                p.setString(4, payload);
                p.setInt(5, maxAttempts);
                p.setLong(6, runAtMs);
                p.setLong(7, nowMs);
                if (p.executeUpdate() == 0) { // enqueued at the same moment by another instance
                    return new Enqueued(idOf(c, kind, key).orElseThrow(), false);
                }
            }
            return new Enqueued(id, true);
        });
    }

    /** Whether a job of one of {@code kinds} is due by {@code nowMs}: a cheap read before claiming. */
    public boolean anyDue(Set<String> kinds, long nowMs) {
        if (kinds.isEmpty()) {
            return false;
        }
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_job WHERE state = 'queued' AND "
                        + "run_at_ms <= ? AND kind IN (" + marks(kinds.size()) + ") LIMIT 1")) {
                    p.setLong(1, nowMs);
                    int i = 2;
                    for (String k : kinds) {
                        p.setString(i++, k);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read the jobs of", e);
        }
    }

    /** Claims the job of one of {@code kinds} due longest, for {@code owner}, leased until {@code leaseUntilMs}. */
    public Optional<Claimed> claim(Set<String> kinds, String owner, long nowMs, long leaseUntilMs) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return db.writing("claim a job in", c -> {
            Claimed found = null;
            try (PreparedStatement p = c.prepareStatement("SELECT id, kind, job_key, payload, attempts, max_attempts "
                    + "FROM hub_job WHERE state = 'queued' AND run_at_ms <= ? AND kind IN (" + marks(kinds.size())
                    + ") ORDER BY run_at_ms, id LIMIT 1"
                    + (db.dialect() == HubDatabase.Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))) {
                p.setLong(1, nowMs);
                int i = 2;
                for (String k : kinds) {
                    p.setString(i++, k);
                }
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        found = new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5) + 1, rs.getInt(6));
                    }
                }
            }
            if (found == null) {
                return Optional.<Claimed>empty();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_job SET state = 'running', attempts = ?, "
                    + "owner = ?, lease_ms = ? WHERE id = ? AND state = 'queued'")) {
                p.setInt(1, found.attempt());
                p.setString(2, owner);
                p.setLong(3, leaseUntilMs);
                p.setLong(4, found.id());
                return p.executeUpdate() == 1 ? Optional.of(found) : Optional.<Claimed>empty();
            }
        });
    }

    /** Extends the lease of a job {@code owner} runs; false when it is no longer theirs (taken over or gone). */
    public boolean renew(long id, String owner, int attempt, long leaseUntilMs) {
        return change("renew a job's lease in", "UPDATE hub_job SET lease_ms = ? WHERE id = ? AND state = 'running' "
                + "AND owner = ? AND attempts = ?", p -> {
            p.setLong(1, leaseUntilMs);
            p.setLong(2, id);
            p.setString(3, owner);
            p.setInt(4, attempt);
        });
    }

    /** Marks a job {@code owner} ran as done; false when it was no longer theirs. */
    public boolean finish(long id, String owner, int attempt, long nowMs) {
        return change("finish a job in", "UPDATE hub_job SET state = 'done', lease_ms = NULL, finished_ms = ? "
                + "WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?", p -> {
            p.setLong(1, nowMs);
            p.setLong(2, id);
            p.setString(3, owner);
            p.setInt(4, attempt);
        });
    }

    /**
     * Records a failed attempt of a job {@code owner} ran: queued again at {@code retryAtMs}, or failed for good when
     * that is empty; false when it was no longer theirs.
     */
    public boolean fail(long id, String owner, int attempt, String error, Optional<Long> retryAtMs, long nowMs) {
        String text = error.length() > ERROR_CHARS ? error.substring(0, ERROR_CHARS) : error;
        return change("record a job's failure in", retryAtMs.isPresent()
                ? "UPDATE hub_job SET state = 'queued', owner = NULL, lease_ms = NULL, last_error = ?, run_at_ms = ? "
                + "WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?"
                : "UPDATE hub_job SET state = 'failed', lease_ms = NULL, last_error = ?, finished_ms = ? "
                + "WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?", p -> {
            p.setString(1, text);
            p.setLong(2, retryAtMs.orElse(nowMs));
            p.setLong(3, id);
            p.setString(4, owner);
            p.setInt(5, attempt);
        });
    }

    /** Gives back a job {@code owner} did not get to finish (the instance stops): queued again at once. */
    public boolean release(long id, String owner, int attempt, long nowMs) {
        return change("give back a job in", "UPDATE hub_job SET state = 'queued', owner = NULL, lease_ms = NULL, "
                + "last_error = 'the server running it stopped before it finished', run_at_ms = ? "
                + "WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?", p -> {
            p.setLong(1, nowMs);
            p.setLong(2, id);
            p.setString(3, owner);
            p.setInt(4, attempt);
        });
    }

    /**
     * Takes back the jobs whose lease ran out by {@code nowMs} (their instance died or stalled): queued again to run
     * at once, or failed when their attempts are spent. Returns how many.
     */
    public int reclaimExpired(long nowMs) {
        return db.writing("take back stalled jobs in", c -> {
            int n;
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_job SET state = 'failed', lease_ms = NULL, "
                    + "finished_ms = ?, last_error = 'the server running it stopped answering, and its attempts "
                    + "are spent' WHERE state = 'running' AND lease_ms < ? AND attempts >= max_attempts")) {
                p.setLong(1, nowMs);
                p.setLong(2, nowMs);
                n = p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_job SET state = 'queued', owner = NULL, "
                    + "lease_ms = NULL, run_at_ms = ?, last_error = 'the server running it stopped answering' "
                    + "WHERE state = 'running' AND lease_ms < ?")) {
                p.setLong(1, nowMs);
                p.setLong(2, nowMs);
                n += p.executeUpdate();
            }
            return n;
        });
    }

    /** A job by id. */
    public Optional<Job> job(long id) {
        List<Job> found = query("SELECT " + COLUMNS + " FROM hub_job WHERE id = ?", p -> p.setLong(1, id));
        return found.stream().findFirst();
    }

    /**
     * The jobs an administrator looks at: those not done (queued, running, failed), newest first, then the
     * {@code done} most recently finished; at most {@code limit} of each.
     */
    public List<Job> recent(int limit) {
        List<Job> all = new ArrayList<>(query("SELECT " + COLUMNS + " FROM hub_job WHERE state <> 'done' "
                + "ORDER BY created_ms DESC, id LIMIT ?", p -> p.setInt(1, limit)));
        all.addAll(query("SELECT " + COLUMNS + " FROM hub_job WHERE state = 'done' ORDER BY finished_ms DESC, id "
                + "LIMIT ?", p -> p.setInt(1, limit)));
        return all;
    }

    /** How many jobs are in each state (every state present, 0 when none). */
    public Map<String, Long> counts() {
        try {
            return db.read(c -> {
                Map<String, Long> counts = new TreeMap<>();
                for (String s : List.of(QUEUED, RUNNING, DONE, FAILED)) {
                    counts.put(s, 0L);
                }
                try (PreparedStatement p = c.prepareStatement("SELECT state, COUNT(*) FROM hub_job GROUP BY state");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return counts;
            });
        } catch (SQLException e) {
            throw failure("count the jobs of", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private List<Job> query(String sql, Binder binder) {
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    binder.bind(p);
                    try (ResultSet rs = p.executeQuery()) {
                        List<Job> jobs = new ArrayList<>();
                        while (rs.next()) {
                            jobs.add(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getInt(5), rs.getInt(6), rs.getLong(7), Optional.ofNullable(rs.getString(8)),
                                    optionalLong(rs, 9), Optional.ofNullable(rs.getString(10)), rs.getLong(11),
                                    optionalLong(rs, 12)));
                        }
                        return jobs;
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read the jobs of", e);
        }
    }

    private boolean change(String what, String sql, Binder binder) {
        return db.writing(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Long> idOf(Connection c, String kind, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_job WHERE kind = ? AND job_key = ?")) {
            p.setString(1, kind);
            p.setString(2, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private ProgyException failure(String what, SQLException e) {
        return SyncHub.failure(db, what, e);
    }
}
