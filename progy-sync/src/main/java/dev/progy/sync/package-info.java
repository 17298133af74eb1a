/**
 * progy-sync: what moves state between a student's machine and a server. The local SQLite progress store and its
 * delta sync client ({@code dev.progy.sync.progress}), the wire format ({@code dev.progy.sync.wire}) and the server
 * side of sync ({@code dev.progy.sync.hub}); the registry client, git backup and course upgrades follow.
 */
package dev.progy.sync;
