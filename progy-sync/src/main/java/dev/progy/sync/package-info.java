/**
 * progy-sync: what moves state between a student's machine and a server. The local SQLite progress store and its
 * delta sync client ({@code dev.progy.sync.progress}), the wire format ({@code dev.progy.sync.wire}), the server
 * side of sync ({@code dev.progy.sync.hub}) and course upgrades that keep the student's code
 * ({@code dev.progy.sync.upgrade}); the registry client and git backup follow.
 */
package dev.progy.sync;
