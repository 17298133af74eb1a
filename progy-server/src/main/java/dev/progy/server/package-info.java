/**
 * progy-server: one package per capability ({@code account}: who is asking; {@code sync}: progress sync) over
 * shared ones ({@code http}: routing, access declarations, limits, errors, probes; {@code web}: browser sessions,
 * CSRF tokens, pages in the route table, templates, the stylesheet; {@code db}: the connection pool); a capability never imports another, only {@code account}. {@link dev.progy.server.ProgyServer} puts them
 * together, {@link dev.progy.server.Main} is the command line, {@link dev.progy.server.ServerConfig} the settings.
 */
package dev.progy.server;
