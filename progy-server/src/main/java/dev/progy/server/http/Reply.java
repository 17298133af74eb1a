package dev.progy.server.http;

import java.nio.charset.StandardCharsets;

/** A route's answer. */
public record Reply(int status, String contentType, byte[] body) {

    public static Reply json(int status, byte[] body) {
        return new Reply(status, "application/json", body);
    }

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
