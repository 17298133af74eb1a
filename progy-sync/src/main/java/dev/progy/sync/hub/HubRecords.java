package dev.progy.sync.hub;

import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.Key;
import dev.progy.sync.wire.RecordJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The merge of a pushed batch into an account's stored records, in the caller's transaction: what one push costs
 * per record, so written for throughput (issue 6 asks for 100 000 records a second on one core).
 *
 * <ul>
 *   <li>The stored rows of the pushed items are read with one {@code IN} query per {@value #CHUNK} items, not one
 *       query per record; each stored text is decoded once, and its key comes from the decoded record.</li>
 *   <li>Whether a record changed is record equality after the merge, so a pushed record is never encoded to compare
 *       it: only a record that is written (new, or changed by the merge) is encoded, once.</li>
 *   <li>The changed rows are written {@value #WRITE_CHUNK} to an {@code INSERT … ON CONFLICT} statement.</li>
 * </ul>
 */
final class HubRecords {

    /** Item ids per {@code IN} query; a fixed size, padded, so one prepared statement serves every chunk. */
    static final int CHUNK = 100;

    private static final String SELECT_CHUNK = "SELECT seq, body FROM hub_record "
            + "WHERE account_id = ? AND course_id = ? AND item_id IN (" + "?, ".repeat(CHUNK - 1) + "?)";
    /** Rows per {@code INSERT}; 300 parameters, well below SQLite's and PostgreSQL's limits. */
    static final int WRITE_CHUNK = 50;

    private HubRecords() { }

    /** What a merge did. */
    /** What a merge did: rows written, the last sequence number, rows added, and the change in stored text length. */
    record Merged(int stored, long lastSeq, int added, long bytes) { }

    /**
     * Merges {@code push} into the account's rows, giving each row it changes the next sequence number above
     * {@code lastSeq} (in the order of {@code push}); adds to {@code echoes} every pushed item's row that now
     * equals what was pushed.
     */
    static Merged merge(Connection c, long account, Map<Key, ProgressRecord> push, long lastSeq, Echoes echoes)
            throws SQLException {
        Map<Key, Stored> stored = read(c, account, push.keySet());
        List<Row> rows = new ArrayList<>();
        int added = 0;
        long bytes = 0;
        for (Map.Entry<Key, ProgressRecord> e : push.entrySet()) {
            ProgressRecord pushed = e.getValue();
            Stored before = stored.get(e.getKey());
            ProgressRecord after = before == null ? pushed : before.record().merge(pushed);
            if (before != null && after.equals(before.record())) {
                if (after.equals(pushed)) {
                    echoes.row(before.seq());
                }
                continue;
            }
            long seq = ++lastSeq;
            if (after.equals(pushed)) {
                echoes.row(seq);
            }
            String text = RecordJson.text(after);
            rows.add(new Row(e.getKey(), seq, text));
            if (before == null) {
                added++;
            }
            bytes += text.length() - (before == null ? 0 : before.length());
        }
        write(c, account, rows);
        return new Merged(rows.size(), lastSeq, added, bytes);
    }

    /** A row to write. */
    private record Row(Key key, long seq, String body) { }

    /**
     * Writes {@code rows}, {@value #WRITE_CHUNK} to a statement: a many-row {@code INSERT} is one statement for the
     * database to run instead of one per row, which saves a tenth of SQLite's work and most of PostgreSQL's.
     * Keys are distinct within a push, as PostgreSQL requires of the rows of one {@code ON CONFLICT DO UPDATE}.
     */
    private static void write(Connection c, long account, List<Row> rows) throws SQLException {
        int whole = rows.size() - rows.size() % WRITE_CHUNK;
        if (whole > 0) {
            try (PreparedStatement p = c.prepareStatement(upsert(WRITE_CHUNK))) {
                for (int from = 0; from < whole; from += WRITE_CHUNK) {
                    bind(p, account, rows.subList(from, from + WRITE_CHUNK));
                    p.executeUpdate();
                }
            }
        }
        if (whole < rows.size()) {
            try (PreparedStatement p = c.prepareStatement(upsert(rows.size() - whole))) {
                bind(p, account, rows.subList(whole, rows.size()));
                p.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement p, long account, List<Row> rows) throws SQLException {
        int i = 0;
        for (Row row : rows) {
            p.setLong(++i, account);
            p.setString(++i, row.key().courseId());
            p.setString(++i, kind(row.key()));
            p.setString(++i, row.key().itemId());
            p.setLong(++i, row.seq());
            p.setString(++i, row.body());
        }
    }

    private static String upsert(int rows) {
        return "INSERT INTO hub_record (account_id, course_id, item_kind, item_id, seq, body) VALUES "
                + "(?, ?, ?, ?, ?, ?), ".repeat(rows - 1) + "(?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (account_id, course_id, item_id, item_kind) DO UPDATE SET seq = excluded.seq, body = excluded.body";
    }

    /** A stored row: its sequence number and the record it holds. */
    private record Stored(long seq, ProgressRecord record, int length) { }

    /** The stored rows of {@code keys} that exist. */
    private static Map<Key, Stored> read(Connection c, long account, Set<Key> keys) throws SQLException {
        Map<String, Set<String>> byCourse = new HashMap<>();
        for (Key k : keys) {
            byCourse.computeIfAbsent(k.courseId(), x -> new LinkedHashSet<>()).add(k.itemId());
        }
        Map<Key, Stored> found = new HashMap<>(keys.size() * 2);
        try (PreparedStatement p = c.prepareStatement(SELECT_CHUNK)) {
            for (Map.Entry<String, Set<String>> course : byCourse.entrySet()) {
                List<String> ids = new ArrayList<>(course.getValue());
                for (int from = 0; from < ids.size(); from += CHUNK) {
                    p.setLong(1, account);
                    p.setString(2, course.getKey());
                    for (int i = 0; i < CHUNK; i++) {
                        p.setString(3 + i, ids.get(Math.min(from + i, ids.size() - 1)));
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            String text = rs.getString(2);
                            ProgressRecord r = decode(text);
                            if (keys.contains(r.key())) { // an item id may be pushed as one kind, stored as another
                                found.put(r.key(), new Stored(rs.getLong(1), r, text.length()));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * The rows equal to a pushed record, which the answer leaves out (the client has them): by sequence number,
     * or, for a replayed push, by text.
     */
    static final class Echoes {
        private final Set<Long> seqs = new HashSet<>();
        private final Set<String> texts = new HashSet<>();

        void row(long seq) {
            seqs.add(seq);
        }

        void text(String text) {
            texts.add(text);
        }

        boolean contains(long seq, String text) {
            return seqs.contains(seq) || !texts.isEmpty() && texts.contains(text);
        }
    }

    private static ProgressRecord decode(String body) {
        try {
            return RecordJson.parse(body);
        } catch (RecordJson.Malformed e) {
            throw new IllegalStateException("a stored record cannot be read, though the hub wrote it: " + e.getMessage());
        }
    }

    private static String kind(Key k) {
        return k.kind().name().toLowerCase(Locale.ROOT);
    }
}
