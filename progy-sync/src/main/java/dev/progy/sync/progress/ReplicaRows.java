package dev.progy.sync.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.Key;
import dev.progy.sync.wire.RecordJson;
import dev.progy.sync.wire.SyncResponse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sync side of the progress database, inside the store's transactions: which rows to push (those whose local
 * change number is above {@code replica.pushed_seq}), the push in flight, and the merge of pulled records.
 */
final class ReplicaRows {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ReplicaRows() { }

    /**
     * The push in flight if there is one (sent again as it was), else a new batch of the rows changed since the
     * last acknowledged push, stored as in flight before it is returned. A batch ends at a change boundary once it
     * holds {@code maxRecords}, so every row of a change travels in one batch.
     */
    static SyncBatch next(Connection c, int maxRecords) throws SQLException, RecordRows.Unreadable {
        String device;
        long pushedSeq;
        long cursor;
        String pendingKey;
        long pendingSeq;
        String pendingBody;
        try (PreparedStatement p = c.prepareStatement("SELECT device_id, pushed_seq, pull_cursor, pending_key, "
                + "pending_seq, pending_body FROM replica");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            device = rs.getString(1);
            pushedSeq = rs.getLong(2);
            cursor = rs.getLong(3);
            pendingKey = rs.getString(4);
            pendingSeq = rs.getLong(5);
            pendingBody = rs.getString(6);
        }
        if (pendingKey != null) {
            return new SyncBatch(pendingKey, device, cursor, pendingSeq, parse(pendingBody), dirtyAbove(c, pendingSeq));
        }
        List<ProgressRecord> batch = new ArrayList<>();
        long[] upTo = {pushedSeq};
        boolean[] more = {false};
        RecordRows.each(c, "WHERE local_seq > ? ORDER BY local_seq", pushedSeq, (r, seq) -> {
            if (more[0] || (batch.size() >= maxRecords && seq != upTo[0])) {
                more[0] = true;
                return;
            }
            batch.add(r);
            upTo[0] = seq;
        });
        if (batch.isEmpty()) {
            return new SyncBatch(UUID.randomUUID().toString(), device, cursor, -1, List.of(), false);
        }
        String key = UUID.randomUUID().toString();
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE replica SET pending_key = ?, pending_seq = ?, pending_body = ?")) {
            p.setString(1, key);
            p.setLong(2, upTo[0]);
            p.setString(3, text(batch));
            p.executeUpdate();
        }
        return new SyncBatch(key, device, cursor, upTo[0], batch, more[0]);
    }

    /**
     * Applies the server's answer to {@code batch}: the push is acknowledged (its rows stay dirty only if changed
     * since), the pulled records are merged into the rows without marking them as local changes, and the cursor
     * moves up. Returns how many rows the pull changed.
     */
    static int apply(Connection c, SyncBatch batch, SyncResponse answer) throws SQLException, RecordRows.Unreadable {
        if (batch.pushes()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE replica SET pushed_seq = MAX(pushed_seq, ?), "
                    + "pending_key = NULL, pending_seq = NULL, pending_body = NULL WHERE pending_key = ?")) {
                p.setLong(1, batch.pushSeq());
                p.setString(2, batch.key());
                p.executeUpdate(); // no row when another sync of this workspace applied the same answer first
            }
        }
        Map<String, List<ProgressRecord>> byCourse = new LinkedHashMap<>();
        for (ProgressRecord r : answer.records()) {
            byCourse.computeIfAbsent(r.key().courseId(), k -> new ArrayList<>()).add(r);
        }
        List<ProgressRecord> changed = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (Map.Entry<String, List<ProgressRecord>> course : byCourse.entrySet()) {
            Map<Key, ProgressRecord> local = new HashMap<>();
            Map<Key, Long> localSeq = new HashMap<>();
            RecordRows.each(c, "WHERE course_id = ?", course.getKey(), (r, seq) -> {
                local.put(r.key(), r);
                localSeq.put(r.key(), seq);
            });
            for (ProgressRecord pulled : course.getValue()) {
                ProgressRecord mine = local.get(pulled.key());
                ProgressRecord merged = mine == null ? pulled : mine.merge(pulled);
                if (!merged.equals(mine)) {
                    local.put(pulled.key(), merged);
                    // a row keeps its own change number: a local change not yet pushed stays to be pushed, and
                    // what came from the server is not pushed back
                    changed.add(merged);
                    seqs.add(localSeq.getOrDefault(pulled.key(), 0L));
                }
            }
        }
        if (!changed.isEmpty()) {
            RecordRows.writeEach(c, changed, seqs);
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE replica SET pull_cursor = MAX(pull_cursor, ?)")) {
            p.setLong(1, answer.cursor());
            p.executeUpdate();
        }
        return changed.size();
    }

    private static boolean dirtyAbove(Connection c, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM progress_record WHERE local_seq > ? LIMIT 1")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String text(List<ProgressRecord> records) {
        StringBuilder out = new StringBuilder(records.size() * 256).append('[');
        for (ProgressRecord r : records) {
            out.append(out.length() > 1 ? "," : "").append(RecordJson.text(r));
        }
        return out.append(']').toString();
    }

    private static List<ProgressRecord> parse(String body) throws RecordRows.Unreadable {
        List<ProgressRecord> records = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new RecordRows.Unreadable("the push in flight is not a list of records", null);
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                records.add(RecordJson.read(p));
            }
        } catch (IOException | RecordJson.Malformed e) {
            throw new RecordRows.Unreadable("the push in flight cannot be read (" + e.getMessage() + ")", e);
        }
        return records;
    }
}
