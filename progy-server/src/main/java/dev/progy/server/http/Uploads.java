package dev.progy.server.http;

import org.eclipse.jetty.http.BadMessageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reading request bodies without letting them take the server: a body is read only in one of a few slots
 * (server-wide, and per account), never past its route's size limit (refused from its {@code Content-Length} at
 * once, or as soon as a chunked body passes the limit), and never for longer than a deadline. A slow client that
 * sends one byte every few seconds holds one slot until the deadline, not the request threads: health checks and
 * other accounts are still answered.
 */
final class Uploads {

    private final Semaphore slots;
    private final int perAccount;
    private final Duration deadline;
    private final ConcurrentHashMap<Long, AtomicInteger> byAccount = new ConcurrentHashMap<>();

    Uploads(int slots, int perAccount, Duration deadline) {
        this.slots = new Semaphore(slots);
        this.perAccount = perAccount;
        this.deadline = deadline;
    }

    /** Slots taken now: a gauge. */
    int reading(int total) {
        return total - slots.availablePermits();
    }

    byte[] read(InputStream in, long contentLength, Limits limits, Optional<Caller> caller) {
        boolean over = contentLength > limits.maxBody();
        if (over && contentLength > drainable(limits)) {
            throw tooLarge(limits);
        }
        AtomicInteger mine = caller.map(c -> byAccount.computeIfAbsent(c.account(), k -> new AtomicInteger()))
                .orElse(null);
        if (mine != null && mine.incrementAndGet() > perAccount) {
            mine.decrementAndGet();
            throw over ? tooLarge(limits)
                    : busy("Your account is sending " + perAccount + " requests at once already; wait for them to finish.");
        }
        try {
            if (!slots.tryAcquire()) {
                throw over ? tooLarge(limits)
                        : busy("The server is reading as many requests as it can at once; try again in a moment.");
            }
            try {
                if (over) {
                    discard(in, contentLength);
                    throw tooLarge(limits);
                }
                return readCapped(in, limits);
            } finally {
                slots.release();
            }
        } finally {
            if (mine != null) {
                mine.decrementAndGet();
            }
        }
    }

    /**
     * How long a body over the limit may be and still be read (and dropped) before the 413 is sent: an answer sent
     * while the client is still sending is often lost (closing a connection with unread data resets it, and the
     * reset discards what the client had not read yet), so the client would see a broken connection instead of
     * "too large". Longer bodies are refused at once; reading the rest obeys the same slots and deadline as any body.
     */
    private static long drainable(Limits limits) {
        return Math.max(1L << 20, Math.min(4 * limits.maxBody(), 64L << 20));
    }

    private void discard(InputStream in, long length) {
        long until = System.nanoTime() + deadline.toNanos();
        byte[] buffer = new byte[16384];
        long left = length;
        try {
            while (left > 0 && System.nanoTime() - until < 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break; // the client sent less than it said: nothing more to read
                }
                left -= n;
            }
        } catch (IOException | BadMessageException e) {
            // gone or too slow: the 413 is sent all the same
        }
    }

    private byte[] readCapped(InputStream in, Limits limits) {
        long until = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[16384];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + (long) n > limits.maxBody()) {
                    throw tooLarge(limits);
                }
                out.write(buffer, 0, n);
                if (System.nanoTime() - until > 0) {
                    throw tooSlow();
                }
            }
        } catch (IOException e) {
            // the connection broke, or the server's idle timeout ended it
            throw tooSlow();
        } catch (BadMessageException e) {
            // the HTTP server's own checks: the minimum data rate (408), a malformed chunk (400)
            if (e.getCode() == 408) {
                throw tooSlow();
            }
            throw new ApiException(400, "bad_request", "The request body is not well-formed HTTP content.");
        }
        return out.toByteArray();
    }

    private ApiException tooLarge(Limits limits) {
        return new ApiException(413, "too_large", "The request body is larger than this route accepts ("
                + limits.maxBody() + " bytes); send less at once.");
    }

    private ApiException tooSlow() {
        return new ApiException(408, "too_slow", "The request body arrived too slowly, or not within "
                + deadline.toSeconds() + " seconds; send it again on a faster connection.");
    }

    private static ApiException busy(String message) {
        return new ApiException(503, "busy", message, Optional.of(1L));
    }
}
