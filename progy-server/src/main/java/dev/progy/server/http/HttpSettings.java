package dev.progy.server.http;

import java.time.Duration;

/**
 * How the HTTP server listens and defends itself.
 *
 * @param host              address to listen on
 * @param port              port; 0 for any free one
 * @param threads           request threads
 * @param uploads           request bodies read at once, server-wide
 * @param uploadsPerAccount request bodies read at once for one account
 * @param idleTimeout       a connection that sends nothing this long is closed
 * @param bodyDeadline      the longest a request body may take to arrive
 * @param minDataRate       bytes a second a request body must arrive at
 * @param shutdownGrace     how long running requests get to finish when the server stops
 */
public record HttpSettings(String host, int port, int threads, int uploads, int uploadsPerAccount,
                           Duration idleTimeout, Duration bodyDeadline, long minDataRate, Duration shutdownGrace) { }
