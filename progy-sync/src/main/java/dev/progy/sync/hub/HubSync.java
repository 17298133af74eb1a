package dev.progy.sync.hub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.Key;
import dev.progy.sync.wire.RecordJson;
import dev.progy.sync.wire.SyncRequest;
import dev.progy.sync.wire.SyncResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One sync round trip, server side: merge a pushed batch into the account's records, then answer with the
 * account's records above the client's cursor.
 *
 * <h2>Sequence numbers, and why a cursor never skips a record</h2>
 * Each account has a counter, {@code hub_account.last_seq}. A push first updates the account's row — which takes
 * that row's write lock until the transaction ends (PostgreSQL row lock; on SQLite the whole database's write lock)
 * — then reads the counter, gives each record it changes the next number, writes the counter back and commits.
 * So two pushes of one account never overlap: the second gets its numbers only after the first has committed, and
 * the order of numbers is the order of commits. A reader sees every change up to some number and none above it, so
 * pulling above the highest number it saw can never miss a change committed later under a lower number — the case
 * a database sequence or identity column would allow, since those hand out numbers before commit, in another order
 * than commits. The lock is per account: different students' pushes still run side by side, on one PostgreSQL
 * shared by several server instances as well.
 *
 * <h2>The merge path</h2>
 * One transaction per batch: {@link HubRecords} reads the stored records of the pushed items with a few {@code IN}
 * queries, merges them in memory with {@link ProgressRecord#merge}, and writes back only those that changed, in one
 * JDBC batch. Records are kept as their canonical JSON ({@link RecordJson}), so the pull copies stored texts into
 * the answer without decoding them. A retry is recognised by the digest of its push list as sent
 * ({@link SyncRequest.Received}), so no pushed record is encoded again to check it.
 */
final class HubSync {

    /** Days an idempotency key is remembered. */
    static final int KEY_DAYS = 30;

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private static final String PULL = "SELECT seq, body FROM hub_record WHERE account_id = ? AND seq > ? "
            + "ORDER BY seq LIMIT ?";

    private final Clock clock;
    private final Quota quota;

    HubSync(Clock clock, Quota quota) {
        this.clock = clock;
        this.quota = quota;
    }

    /** What the push part did. */
    record Pushed(int stored, boolean replayed) { }

    /**
     * A batch to push: its idempotency key, the digest of its push list as sent, and its records by key (several of
     * one item merged).
     */
    record Push(String key, String digest, Map<Key, ProgressRecord> records) {

        static Push of(SyncRequest.Received received) {
            Map<Key, ProgressRecord> merged = new LinkedHashMap<>();
            for (ProgressRecord r : received.request().push()) {
                merged.merge(r.key(), r, ProgressRecord::merge);
            }
            return new Push(received.request().key(), received.pushDigest(), merged);
        }
    }

    /**
     * Pushes {@code push}, in the caller's transaction; adds to {@code echoes} the stored rows equal to a pushed
     * record.
     */
    Pushed push(Connection c, HubAccount account, Push push, HubRecords.Echoes echoes) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("UPDATE hub_account SET last_seq = last_seq WHERE id = ?")) {
            lock.setLong(1, account.id());
            lock.executeUpdate(); // the account's write lock, held to commit: see the class comment
        }
        long lastSeq;
        long rows;
        long bytes;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT last_seq, stored_rows, stored_bytes FROM hub_account WHERE id = ?")) {
            p.setLong(1, account.id());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                lastSeq = rs.getLong(1);
                rows = rs.getLong(2);
                bytes = rs.getLong(3);
            }
        }
        String key = push.key();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT push_hash, stored FROM hub_push WHERE account_id = ? AND idempotency_key = ?")) {
            p.setLong(1, account.id());
            p.setString(2, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(push.digest())) {
                        throw new SyncRejectedException(409, "key_reused", "The idempotency key " + key
                                + " was used before for a different batch of records.",
                                "Use a new key for each new batch; resend a batch only under its own key, as sent.");
                    }
                    // a replay is rare: encoding what it pushed here costs nothing on the common path
                    push.records().values().forEach(r -> echoes.text(RecordJson.text(r)));
                    return new Pushed(rs.getInt(2), true);
                }
            }
        }
        HubRecords.Merged merged = HubRecords.merge(c, account.id(), push.records(), lastSeq, echoes);
        if (rows + merged.added() > quota.rows() || bytes + merged.bytes() > quota.bytes()) {
            // thrown inside the transaction: what the merge wrote is rolled back
            throw new SyncRejectedException(413, "quota_exceeded", "Your account keeps " + rows + " records ("
                    + bytes + " characters); this push would pass its quota of " + quota.rows() + " records and "
                    + quota.bytes() + " characters.", "Ask the server's operator for a larger quota.");
        }
        if (merged.stored() > 0) {
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_account SET last_seq = ?, "
                    + "stored_rows = stored_rows + ?, stored_bytes = stored_bytes + ? WHERE id = ?")) {
                p.setLong(1, merged.lastSeq());
                p.setLong(2, merged.added());
                p.setLong(3, merged.bytes());
                p.setLong(4, account.id());
                p.executeUpdate();
            }
        }
        long now = clock.millis();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_push (account_id, idempotency_key, push_hash, "
                + "stored, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, account.id());
            p.setString(2, key);
            p.setString(3, push.digest());
            p.setInt(4, merged.stored());
            p.setLong(5, now);
            p.executeUpdate();
        }
        if (ThreadLocalRandom.current().nextInt(64) == 0) { // now and then, not on every push
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM hub_push WHERE account_id = ? AND created_ms < ?")) {
                p.setLong(1, account.id());
                p.setLong(2, now - Duration.ofDays(KEY_DAYS).toMillis());
                p.executeUpdate();
            }
        }
        return new Pushed(merged.stored(), false);
    }

    /**
     * The answer: the account's records above {@code cursor}, up to {@code limit}, leaving out those equal to a
     * pushed record ({@code echoes}).
     */
    byte[] answer(Connection c, HubAccount account, long cursor, int limit, HubRecords.Echoes echoes, Pushed pushed)
            throws SQLException {
        int max = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes);
             PreparedStatement p = c.prepareStatement(PULL)) {
            SyncResponse.writeStart(g, pushed.stored(), pushed.replayed());
            p.setLong(1, account.id());
            p.setLong(2, cursor);
            p.setInt(3, max + 1);
            long last = cursor;
            boolean more = false;
            try (ResultSet rs = p.executeQuery()) {
                for (int n = 0; rs.next(); n++) {
                    if (n == max) {
                        more = true;
                        break;
                    }
                    last = rs.getLong(1);
                    String body = rs.getString(2);
                    if (!echoes.contains(last, body)) {
                        g.writeRawValue(body);
                    }
                }
            }
            SyncResponse.writeEnd(g, last, more);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }
}
