/**
 * progy-sync: what moves state between a student's machine and a server. So far the local SQLite progress store
 * ({@code dev.progy.sync.progress}) and course upgrades that keep the student's code ({@code dev.progy.sync.upgrade});
 * delta sync, the registry client and git backup follow.
 */
package dev.progy.sync;
