package dev.progy.cli.ui;

import dev.progy.Progy;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.RunListener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs of exercises and who hears them: each open exercise page holds one Server-Sent Events stream, and a run's
 * output goes to every stream of its exercise as it comes, then its result (as the page's own HTML). One run at a
 * time, as in a terminal; the last result of each exercise is kept for its page.
 */
final class RunFeed implements AutoCloseable {
    private static final String CLOSE = "\u0000close";
    /** Why a run waits for the network question. */
    static final String NETWORK_FIRST = "This course's runner asks for network access: answer the question above Run "
            + "first.";
    private final Progy progy;
    private final Workspace ws;
    private final UiHooks hooks;
    private final ExecutorService runs;
    private final Function<RunResult, String> resultHtml;
    private final Map<String, List<BlockingQueue<String>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, RunResult> last = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile String watching;
    private volatile AutoCloseable watcher;
    private final AtomicBoolean saveQueued = new AtomicBoolean();

    RunFeed(Progy progy, Workspace ws, UiHooks hooks, ExecutorService runs, Function<RunResult, String> resultHtml) {
        this.progy = progy;
        this.ws = ws;
        this.hooks = hooks;
        this.runs = runs;
        this.resultHtml = resultHtml;
    }

    Optional<RunResult> last(String exerciseId) {
        return Optional.ofNullable(last.get(exerciseId));
    }

    boolean running() {
        return running.get();
    }

    int openStreams() {
        return streams.get();
    }

    /**
     * Runs the exercise now on the calling thread (a page without script waits for it); false when another run is
     * going on.
     */
    boolean run(Exercise ex) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            Optional<String> notReady = hooks.notReady();
            if (notReady.isPresent()) {
                send(ex.id(), "problem", notReady.get());
                throw new dev.progy.error.ProgyException(notReady.get(), "run `progy doctor` in a terminal for what to fix");
            }
            Optional<List<String>> question = hooks.networkQuestion();
            if (question.isPresent()) {
                throw new dev.progy.error.ProgyException(NETWORK_FIRST, "answer it with Allow or Decline, then Run");
            }
            send(ex.id(), "started", ex.id());
            RunResult r = progy.runAndRecord(ws, ex, hooks.runner(), new RunListener() {
                @Override
                public void output(String chunk) {
                    send(ex.id(), "output", chunk);
                }
            }).result();
            last.put(ex.id(), r);
            hooks.afterRun(ex, r);
            send(ex.id(), "result", resultHtml.apply(r));
            return true;
        } catch (RuntimeException e) {
            send(ex.id(), "problem", e.getMessage() == null ? "the run failed" : e.getMessage());
            throw e;
        } finally {
            running.set(false);
        }
    }

    /** Starts a run in the background; false when another run is going on. */
    boolean start(Exercise ex) {
        if (running.get()) {
            return false;
        }
        runs.execute(() -> {
            try {
                run(ex);
            } catch (RuntimeException e) {
                // the page heard it as a "problem" event
            }
        });
        return true;
    }

    /** Whether saves run this exercise again. */
    boolean watching(String exerciseId) {
        return exerciseId.equals(watching);
    }

    /** Turns re-running on save on or off for this exercise (one exercise at a time, as {@code progy watch}). */
    synchronized boolean toggleWatch(Exercise ex) throws IOException {
        boolean on = !watching(ex.id());
        stopWatching();
        if (on) {
            watcher = hooks.watch(ws.exerciseDir(ex), () -> {
                // saves arriving together make one run, after the burst
                if (saveQueued.compareAndSet(false, true)) {
                    runs.execute(() -> {
                        try {
                            TimeUnit.MILLISECONDS.sleep(150);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        saveQueued.set(false);
                        if (watching(ex.id())) {
                            start(ex);
                        }
                    });
                }
            });
            watching = ex.id();
        }
        return on;
    }

    private synchronized void stopWatching() {
        watching = null;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (Exception ignored) {
                // a watcher that cannot close has stopped hearing anyway
            }
            watcher = null;
        }
    }

    /**
     * Streams an exercise's events to one page until it goes away (the write fails) or the server stops. A comment
     * goes out every 15 seconds so that a closed page is noticed.
     */
    void stream(String exerciseId, OutputStream out) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        List<BlockingQueue<String>> mine = listeners.computeIfAbsent(exerciseId, k -> new CopyOnWriteArrayList<>());
        mine.add(queue);
        streams.incrementAndGet();
        try {
            out.write(("retry: 2000\n: " + (running.get() ? "running" : "ready") + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String event = queue.poll(15, TimeUnit.SECONDS);
                if (CLOSE.equals(event)) {
                    return;
                }
                out.write((event == null ? ": ping\n\n" : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mine.remove(queue);
            streams.decrementAndGet();
        }
    }

    private void send(String exerciseId, String event, String data) {
        List<BlockingQueue<String>> to = listeners.get(exerciseId);
        if (to == null || to.isEmpty()) {
            return;
        }
        String frame = "event: " + event + "\ndata: " + Json.string(data) + "\n\n";
        to.forEach(q -> q.add(frame));
    }

    @Override
    public void close() {
        stopWatching();
        listeners.values().forEach(l -> l.forEach(q -> q.add(CLOSE)));
    }
}
