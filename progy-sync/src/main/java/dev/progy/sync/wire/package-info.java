/**
 * The sync wire format (version 1), shared by the client and the server: {@link dev.progy.sync.wire.SyncRequest}
 * and {@link dev.progy.sync.wire.SyncResponse} around records in their canonical JSON
 * ({@link dev.progy.sync.wire.RecordJson}).
 */
package dev.progy.sync.wire;
