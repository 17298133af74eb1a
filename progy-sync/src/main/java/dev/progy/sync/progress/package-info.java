/**
 * Progress stores that keep per-item {@link dev.progy.model.ProgressRecord}s, ready for delta sync: the SQLite
 * store ({@link dev.progy.sync.progress.SqliteProgressStoreProvider}, {@code progy.progress=sqlite}), and its sync
 * with a Progy server ({@link dev.progy.sync.progress.ProgressSync}).
 */
package dev.progy.sync.progress;
