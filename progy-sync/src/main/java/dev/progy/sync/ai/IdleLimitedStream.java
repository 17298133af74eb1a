package dev.progy.sync.ai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streamed answer that is closed when nothing more arrived for the time limit: the JDK client's own timeout
 * ends when the headers come, and a model that stalls mid-answer would otherwise hold the student forever.
 */
final class IdleLimitedStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progy-ai-stream-watch");
        t.setDaemon(true);
        return t;
    });

    private final long limitNanos;
    private final ScheduledFuture<?> watch;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean timedOut;

    IdleLimitedStream(InputStream in, Duration limit) {
        super(in);
        this.limitNanos = limit.toNanos();
        long every = Math.max(10, Math.min(1000, limit.toMillis() / 4));
        this.watch = WATCH.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastActivity > limitNanos) {
            timedOut = true;
            watch.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // closing is how the reader is woken; a failure to close leaves it to the server to end
            }
        }
    }

    /** Whether the stream was cut for going quiet. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastActivity = System.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        lastActivity = System.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }
}
