/**
 * progy-server: the HTTP server, a thin shell over the SDK. So far progress sync ({@code POST /api/v1/sync}) over
 * progy-sync's {@link dev.progy.sync.hub.SyncHub}, a health check, and the admin command that creates accounts;
 * started by {@link dev.progy.server.Main}.
 */
package dev.progy.server;
