/**
 * The student's and author's side of a Progy server's registry: {@link dev.progy.sync.registry.HttpRegistry}, the
 * {@code Registry} port over the server's HTTP API (search, versions, downloads checked against the index's SHA-256
 * and the server's pinned Ed25519 keys, publishes followed step by step), made by
 * {@link dev.progy.sync.registry.HttpRegistryProvider} when a server is configured or a login is saved.
 */
package dev.progy.sync.registry;
