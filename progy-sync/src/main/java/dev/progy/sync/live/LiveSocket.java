package dev.progy.sync.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebSocket of a live room, carrying JSON text frames both ways. Sending never blocks the caller: frames wait in
 * a queue that one sender thread empties in order, and terminal output waiting there is joined into one frame (up to
 * {@value #MAX_OUTPUT_CHARS} characters), so a burst of output costs few frames and never slows the terminal it comes
 * from. Frames received are handed to a listener in the order they came, on the socket's thread.
 */
public final class LiveSocket implements AutoCloseable {
    /** The most characters of output joined into one frame: even all escaped (an escape is six bytes) under 64 KiB, a common WebSocket message limit. */
    static final int MAX_OUTPUT_CHARS = 8 * 1024;
    /** Output waiting to be sent beyond this many characters is dropped (the server sends viewers a snapshot later). */
    static final long MAX_QUEUED_CHARS = 16L * 1024 * 1024;

    /** What a socket tells its owner. */
    public interface Listener {
        /** A frame arrived. */
        void frame(JsonNode frame);

        /** The socket closed (by the server, the network, or {@link #close}); {@code reason} may be empty. */
        void closed(int code, String reason);
    }

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Thread sender;
    private volatile WebSocket socket;
    private long queuedChars;
    private boolean closing;
    private long dropped;

    LiveSocket() {
        this.sender = new Thread(this::sendLoop, "progy-live-sender");
        this.sender.setDaemon(true);
    }

    void attach(WebSocket socket) {
        this.socket = socket;
        sender.start();
    }

    /**
     * Sends terminal output ({@code {"t":"o","d":...}}), joined with output still waiting; longer output (a redraw of
     * the screen, a flood read at once) goes in frames of at most {@value #MAX_OUTPUT_CHARS} characters, never
     * splitting a surrogate pair: the server closes a socket that sends a message over its limit (64 KiB).
     */
    public void output(String text) {
        if (text.isEmpty()) {
            return;
        }
        synchronized (queue) {
            if (closing) {
                return;
            }
            if (queuedChars + text.length() > MAX_QUEUED_CHARS) {
                dropped += text.length();
                return;
            }
            int from = 0;
            if (queue.peekLast() instanceof StringBuilder pending) {
                from = cut(text, 0, MAX_OUTPUT_CHARS - pending.length());
                pending.append(text, 0, from);
            }
            while (from < text.length()) {
                int to = cut(text, from, MAX_OUTPUT_CHARS);
                queue.addLast(new StringBuilder(to - from).append(text, from, to));
                from = to;
            }
            queuedChars += text.length();
            queue.notifyAll();
        }
    }

    /** Where a piece of at most {@code room} characters of {@code text} from {@code from} ends, whole characters only. */
    private static int cut(String text, int from, int room) {
        if (room <= 0) {
            return from;
        }
        int to = Math.min(text.length(), from + room);
        if (to < text.length() && to > from && Character.isHighSurrogate(text.charAt(to - 1))
                && Character.isLowSurrogate(text.charAt(to))) {
            to--;
        }
        return to;
    }

    /** Sends a frame other than output, after everything queued before it. */
    public void send(ObjectNode frame) {
        synchronized (queue) {
            if (closing) {
                return;
            }
            queue.addLast(frame);
            queue.notifyAll();
        }
    }

    /** Characters of output dropped because the network could not keep up. */
    public long dropped() {
        synchronized (queue) {
            return dropped;
        }
    }

    /** Whether everything queued was sent within {@code millis}. */
    public boolean drain(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (queue) {
            while (!queue.isEmpty() || busy) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                queue.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    private boolean busy;

    private void sendLoop() {
        try {
            while (true) {
                Object next;
                synchronized (queue) {
                    busy = false;
                    queue.notifyAll();
                    while (queue.isEmpty() && !closing) {
                        queue.wait();
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    next = queue.pollFirst();
                    busy = true;
                    if (next instanceof StringBuilder sb) {
                        queuedChars -= sb.length();
                    }
                }
                String text;
                if (next instanceof StringBuilder sb) {
                    ObjectNode o = Frames.of("o");
                    o.put("d", sb.toString());
                    text = Frames.write(o);
                } else {
                    text = Frames.write((JsonNode) next);
                }
                try {
                    socket.sendText(text, true).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    synchronized (queue) {
                        closing = true;
                        queue.clear();
                        busy = false;
                        queue.notifyAll();
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what is queued (waiting up to two seconds), then closes the socket normally. */
    @Override
    public void close() {
        try {
            drain(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (queue) {
            closing = true;
            queue.notifyAll();
        }
        WebSocket s = socket;
        if (s != null && !s.isOutputClosed()) {
            try {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                s.abort();
            }
        }
    }

    /** The JDK WebSocket's listener: whole text messages, as frames, to {@code listener}. */
    static final class Receiver implements WebSocket.Listener {
        private final Listener listener;
        private final Consumer<Throwable> failed;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean done;

        Receiver(Listener listener, Consumer<Throwable> failed) {
            this.listener = listener;
            this.failed = failed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Frames.read(text).ifPresent(listener::frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // the live API speaks text only
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!done) {
                done = true;
                listener.closed(statusCode, reason == null ? "" : reason);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failed.accept(error);
            if (!done) {
                done = true;
                listener.closed(WebSocket.NORMAL_CLOSURE + 5, ""); // 1006: closed abnormally
            }
        }
    }
}
