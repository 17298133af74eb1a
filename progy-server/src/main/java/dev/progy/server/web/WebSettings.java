package dev.progy.server.web;

import java.time.Duration;

/**
 * How the web pages keep sessions.
 *
 * @param publicUrl       the address people reach the server at; {@code https://…} makes every cookie {@code Secure}
 * @param trustProxy      a reverse proxy in front sets {@code X-Forwarded-Proto} and {@code X-Forwarded-For}, and
 *                        they are believed (never set this when clients reach the server directly)
 * @param sessionIdle     a session not used for this long ends
 * @param sessionLifetime a session ends this long after sign-in, however active
 */
public record WebSettings(String publicUrl, boolean trustProxy, Duration sessionIdle, Duration sessionLifetime) { }
