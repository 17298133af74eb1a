package dev.progy.server.live;

import dev.progy.sync.hub.HubLive;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries live frames between the sockets of a room, whichever instance each is connected to: every frame
 * published reaches every instance's receiver (this one's too), in the order published. A frame is a JSON text of
 * at most {@link #MAX_FRAME} bytes (PostgreSQL's NOTIFY payload is under 8,000); {@link Live} splits larger output.
 * Publishing never waits for delivery: frames go out on the relay's own thread.
 */
public interface LiveRelay extends AutoCloseable {

    /** The largest frame, in UTF-8 bytes. */
    int MAX_FRAME = 7_500;

    /** Sends {@code frames}, in order, to every instance. */
    void publish(List<String> frames);

    @Override
    void close();

    /** One instance (SQLite): frames go from publisher to receiver in memory, on one thread, in order. */
    static LiveRelay inMemory(Consumer<String> receive) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "progy-live-relay");
            t.setDaemon(true);
            return t;
        });
        return new LiveRelay() {
            @Override
            public void publish(List<String> frames) {
                List<String> copy = List.copyOf(frames);
                thread.execute(() -> copy.forEach(f -> {
                    try {
                        receive.accept(f);
                    } catch (RuntimeException e) {
                        // one bad frame must not stop the others
                    }
                }));
            }

            @Override
            public void close() {
                thread.shutdown();
                try {
                    thread.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /**
     * Instances on one PostgreSQL: frames go through LISTEN/NOTIFY on one channel, on dedicated connections (one
     * listening, one notifying from the relay's own thread, so a publisher never waits for the database).
     */
    static LiveRelay postgres(HubLive hub, Consumer<String> receive) {
        HubLive.Channel channel = hub.channel("progy_live", receive);
        java.util.concurrent.BlockingQueue<String> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread thread = new Thread(() -> {
            List<String> batch = new java.util.ArrayList<>();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                // what piled up while the last batch was on its way goes in one round trip
                queue.drainTo(batch, 999);
                try {
                    channel.send(batch);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(LiveRelay.class).atWarn().setCause(e)
                            .log("live frames could not be relayed");
                }
                batch.clear();
            }
        }, "progy-live-notify");
        thread.setDaemon(true);
        thread.start();
        return new LiveRelay() {
            @Override
            public void publish(List<String> frames) {
                queue.addAll(frames);
            }

            @Override
            public void close() {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                channel.close();
            }
        };
    }
}
