package dev.progy.sync.progress;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.wire.SyncRequest;

import java.util.List;

/**
 * What one sync round trip sends: the push in flight (stored in {@code replica} before it is sent), or nothing to
 * push, and the cursor to pull above.
 *
 * @param key       the idempotency key; stored with the push, so a retry reuses it
 * @param deviceId  this database's device id
 * @param cursor    the server sequence number pulled up to
 * @param pushSeq   the local change number the push covers; -1 when nothing is pushed
 * @param push      the records pushed
 * @param moreDirty true when changed records wait beyond this batch
 */
record SyncBatch(String key, String deviceId, long cursor, long pushSeq, List<ProgressRecord> push, boolean moreDirty) {

    SyncBatch {
        push = List.copyOf(push);
    }

    boolean pushes() {
        return pushSeq >= 0;
    }

    SyncRequest request(int limit) {
        return new SyncRequest(key, deviceId, cursor, limit, push);
    }
}
