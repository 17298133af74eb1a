package dev.progy.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A route's answer, with any extra headers ({@code Location}, {@code Set-Cookie}, …) in order. */
public record Reply(int status, String contentType, byte[] body, List<Header> headers) {

    /** One response header; a name may come more than once ({@code Set-Cookie}). */
    public record Header(String name, String value) { }

    public Reply {
        headers = List.copyOf(headers);
    }

    public Reply(int status, String contentType, byte[] body) {
        this(status, contentType, body, List.of());
    }

    public static Reply json(int status, byte[] body) {
        return new Reply(status, "application/json", body);
    }

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** This reply with the header {@code name: value} added. */
    public Reply with(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Reply(status, contentType, body, more);
    }
}
