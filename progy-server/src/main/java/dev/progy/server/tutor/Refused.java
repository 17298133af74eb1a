package dev.progy.server.tutor;

import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Reply;

import java.time.Instant;
import java.util.Optional;

/**
 * A tutor request refused, answered as the tutor's contract says: {@code {"error", "message", "fix"}}, and for a
 * quota or rate {@code resetsAt}, {@code limit} and the {@code Retry-After} header.
 */
final class Refused extends RuntimeException {

    private final int status;
    private final String code;
    private final String fix;
    private final Optional<Instant> resetsAt;
    private final String limit;
    private final long retryAfter;

    Refused(int status, String code, String message, String fix) {
        this(status, code, message, fix, Optional.empty(), "", 0);
    }

    Refused(int status, String code, String message, String fix, Optional<Instant> resetsAt, String limit,
            long retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fix = fix;
        this.resetsAt = resetsAt;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    String fix() {
        return fix;
    }

    String limit() {
        return limit;
    }

    Reply reply() {
        Reply r = Reply.json(status, HttpServer.json(g -> {
            g.writeStringField("error", code);
            g.writeStringField("message", getMessage());
            g.writeStringField("fix", fix);
            if (resetsAt.isPresent()) {
                g.writeStringField("resetsAt", resetsAt.get().toString());
                g.writeStringField("limit", limit);
            }
        }));
        return retryAfter > 0 ? r.with("Retry-After", Long.toString(retryAfter)) : r;
    }
}
