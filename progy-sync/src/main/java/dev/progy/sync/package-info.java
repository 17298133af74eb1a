/**
 * progy-sync: what moves state between a student's machine and a server. So far the local SQLite progress store
 * ({@code dev.progy.sync.progress}); delta sync, the registry client, git backup and course upgrades follow.
 */
package dev.progy.sync;
