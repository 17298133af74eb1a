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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * One transaction per batch: the stored records of the pushed items are read with a few {@code IN} queries (not one
 * per record), merged in memory with {@link ProgressRecord#merge}, and only those that changed are written back in
 * one JDBC batch. Records are kept as their canonical JSON ({@link RecordJson}), so equality is text equality and
 * the pull copies stored texts into the answer without decoding them.
 */
final class HubSync {

    /** Days an idempotency key is remembered. */
    static final int KEY_DAYS = 30;

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;

    /** Item ids per {@code IN} query; a fixed size, padded, so one prepared statement serves every chunk. */
    private static final int CHUNK = 100;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private static final String SELECT_CHUNK = "SELECT item_kind, item_id, body FROM hub_record "
            + "WHERE account_id = ? AND course_id = ? AND item_id IN (" + "?, ".repeat(CHUNK - 1) + "?)";
    private static final String UPSERT = "INSERT INTO hub_record (account_id, course_id, item_kind, item_id, seq, body) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, course_id, item_id, item_kind) "
            + "DO UPDATE SET seq = excluded.seq, body = excluded.body";
    private static final String PULL = "SELECT seq, body FROM hub_record WHERE account_id = ? AND seq > ? "
            + "ORDER BY seq LIMIT ?";

    private final Clock clock;

    HubSync(Clock clock) {
        this.clock = clock;
    }

    /** What the push part did. */
    record Pushed(int stored, boolean replayed) { }

    /** Pushes {@code push} (already canonical texts by key) under {@code key}, in the caller's transaction. */
    Pushed push(Connection c, HubAccount account, String key, Map<Key, Pushing> push) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("UPDATE hub_account SET last_seq = last_seq WHERE id = ?")) {
            lock.setLong(1, account.id());
            lock.executeUpdate(); // the account's write lock, held to commit: see the class comment
        }
        long lastSeq;
        try (PreparedStatement p = c.prepareStatement("SELECT last_seq FROM hub_account WHERE id = ?")) {
            p.setLong(1, account.id());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                lastSeq = rs.getLong(1);
            }
        }
        String hash = hash(push);
        try (PreparedStatement p = c.prepareStatement(
                "SELECT push_hash, stored FROM hub_push WHERE account_id = ? AND idempotency_key = ?")) {
            p.setLong(1, account.id());
            p.setString(2, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(hash)) {
                        throw new SyncRejectedException(409, "key_reused", "The idempotency key " + key
                                + " was used before for a different batch of records.",
                                "Use a new key for each new batch; resend a batch only under its own key.");
                    }
                    return new Pushed(rs.getInt(2), true);
                }
            }
        }
        Map<Key, String> stored = stored(c, account.id(), push.keySet());
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<Key, Pushing> e : push.entrySet()) {
            String before = stored.get(e.getKey());
            String after;
            if (before == null) {
                after = e.getValue().text();
            } else if (before.equals(e.getValue().text())) {
                continue;
            } else {
                after = RecordJson.text(decode(before).merge(e.getValue().record()));
                if (after.equals(before)) {
                    continue;
                }
            }
            rows.add(new String[] {e.getKey().courseId(), kind(e.getKey()), e.getKey().itemId(), after});
        }
        if (!rows.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(UPSERT)) {
                for (String[] row : rows) {
                    p.setLong(1, account.id());
                    p.setString(2, row[0]);
                    p.setString(3, row[1]);
                    p.setString(4, row[2]);
                    p.setLong(5, ++lastSeq);
                    p.setString(6, row[3]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_account SET last_seq = ? WHERE id = ?")) {
                p.setLong(1, lastSeq);
                p.setLong(2, account.id());
                p.executeUpdate();
            }
        }
        long now = clock.millis();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_push (account_id, idempotency_key, push_hash, "
                + "stored, created_ms) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, account.id());
            p.setString(2, key);
            p.setString(3, hash);
            p.setInt(4, rows.size());
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
        return new Pushed(rows.size(), false);
    }

    /**
     * The answer: the account's records above {@code cursor}, up to {@code limit}, leaving out those equal to a
     * pushed record (their texts are in {@code pushedTexts}).
     */
    byte[] answer(Connection c, HubAccount account, long cursor, int limit, Set<String> pushedTexts, Pushed pushed)
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
                    if (!pushedTexts.contains(body)) {
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

    /** A pushed record and its canonical text. */
    record Pushing(ProgressRecord record, String text) { }

    /** The pushed records by key, several of one item merged, with their texts. */
    static Map<Key, Pushing> pushing(SyncRequest request) {
        Map<Key, ProgressRecord> merged = new LinkedHashMap<>();
        for (ProgressRecord r : request.push()) {
            merged.merge(r.key(), r, ProgressRecord::merge);
        }
        Map<Key, Pushing> out = new LinkedHashMap<>();
        merged.forEach((k, r) -> out.put(k, new Pushing(r, RecordJson.text(r))));
        return out;
    }

    private static Map<Key, String> stored(Connection c, long account, Set<Key> keys) throws SQLException {
        Map<String, List<Key>> byCourse = new HashMap<>();
        for (Key k : keys) {
            byCourse.computeIfAbsent(k.courseId(), x -> new ArrayList<>()).add(k);
        }
        Map<Key, String> found = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(SELECT_CHUNK)) {
            for (Map.Entry<String, List<Key>> course : byCourse.entrySet()) {
                List<String> ids = course.getValue().stream().map(Key::itemId).distinct().toList();
                for (int from = 0; from < ids.size(); from += CHUNK) {
                    p.setLong(1, account);
                    p.setString(2, course.getKey());
                    for (int i = 0; i < CHUNK; i++) {
                        p.setString(3 + i, ids.get(Math.min(from + i, ids.size() - 1)));
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            Key k = new Key(course.getKey(), ProgressRecord.Kind.valueOf(
                                    rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getString(2));
                            if (keys.contains(k)) {
                                found.put(k, rs.getString(3));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static ProgressRecord decode(String body) {
        try {
            return RecordJson.parse(body);
        } catch (RecordJson.Malformed e) {
            throw new IllegalStateException("a stored record cannot be read, though the hub wrote it: " + e.getMessage());
        }
    }

    private static String kind(Key k) {
        return k.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String hash(Map<Key, Pushing> push) {
        StringBuilder all = new StringBuilder();
        push.values().stream().map(Pushing::text).sorted().forEach(t -> all.append(t).append('\n'));
        return HexFormat.of().formatHex(Tokens.sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static Set<String> texts(Map<Key, Pushing> push) {
        Set<String> texts = new HashSet<>();
        push.values().forEach(p -> texts.add(p.text()));
        return texts;
    }
}
