/**
 * The server side of progress sync ({@link dev.progy.sync.hub.SyncHub}): accounts and their records on SQLite or
 * PostgreSQL, the server-side merge, and server sequence numbers for cursors. progy-server puts it behind HTTP.
 */
package dev.progy.sync.hub;
