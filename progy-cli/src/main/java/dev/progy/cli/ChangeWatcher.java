package dev.progy.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells when files under a folder change: through file events where they arrive, and by comparing
 * modification times where they do not (WSL2, network and some container file systems). Both run at
 * once; when a poll sees a change that no event reported, the watcher switches to polling by itself and says so.
 *
 * <p>Nothing inside an {@linkplain #ignored ignored} folder counts or is watched: runners write bytecode and
 * build output there, and a {@code node_modules} folder alone could use up the system's file watches.
 */
final class ChangeWatcher implements AutoCloseable {
    private static final Duration EVENT_GRACE = Duration.ofMillis(500);
    private final Path root;
    private final Duration pollInterval;
    private final Runnable onFallback;
    private volatile WatchService events;
    private Map<Path, Long> snapshot;
    private long lastEventAt;
    private volatile boolean polling;
    private volatile boolean closed;

    ChangeWatcher(Path root, boolean poll, Duration pollInterval, Runnable onFallback) throws IOException {
        this.root = root;
        this.pollInterval = pollInterval;
        this.onFallback = onFallback;
        this.polling = poll;
        this.snapshot = stamps();
        if (!poll) {
            events = FileSystems.getDefault().newWatchService();
            registerAll(root);
        }
    }

    boolean polling() {
        return polling;
    }

    /** False once {@link #close()} was called: {@link #awaitChange} then returns at once. */
    boolean isOpen() {
        return !closed;
    }

    /** Blocks until something changed (true), or {@code timeout} passed or the watcher was closed (false). */
    boolean awaitChange(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextScan = System.nanoTime() + pollInterval.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            WatchService ev = events;
            if (!polling && ev != null) {
                long wait = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextScan - System.nanoTime()),
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                WatchKey key;
                try {
                    key = ev.poll(wait, TimeUnit.MILLISECONDS);
                } catch (ClosedWatchServiceException e) {
                    return false;
                }
                if (key != null && drain(key)) {
                    lastEventAt = System.nanoTime();
                    snapshot = stamps();
                    return true;
                }
            } else {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextScan - System.nanoTime()),
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
            if (!closed && System.nanoTime() >= nextScan) {
                nextScan = System.nanoTime() + pollInterval.toNanos();
                Map<Path, Long> now = stamps();
                if (!now.equals(snapshot)) {
                    snapshot = now;
                    // the scan may see a change a moment before its event arrives: give the event a grace period;
                    // a change seen only by polling means events do not arrive here
                    if (!polling && ev != null && System.nanoTime() - lastEventAt > pollInterval.toNanos() * 2) {
                        WatchKey late;
                        try {
                            late = ev.poll(EVENT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (ClosedWatchServiceException e) {
                            return false;
                        }
                        if (late != null) {
                            drain(late);
                            lastEventAt = System.nanoTime();
                            snapshot = stamps();
                        } else {
                            polling = true;
                            closeEvents();
                            onFallback.run();
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private boolean drain(WatchKey key) throws IOException {
        boolean relevant = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            Path child = ((Path) key.watchable()).resolve((Path) e.context());
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child) && !ignored(child)) {
                registerAll(child);
            }
            if (!ignored(child)) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    /**
     * Editors' swap and backup files, and what runners write next to the code (bytecode caches, build folders),
     * are not changes to the exercise: reacting to them would re-run forever.
     */
    static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".class")
                || name.endsWith(".pyc") || name.equals("__pycache__") || name.equals("target")
                || name.equals("node_modules") || name.equals("build");
    }

    /** Whether {@code path} (under the root) is, or lies inside, something {@link #ignored(String)}. */
    private boolean ignored(Path path) {
        for (Path segment : root.relativize(path)) {
            if (ignored(segment.toString())) {
                return true;
            }
        }
        return false;
    }

    private void registerAll(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && ignored(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                d.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Every file that counts, with a stamp of its modification time and size: two stamps differ when a file
     * was saved, added or removed. Safe to call from any thread.
     */
    Map<Path, Long> stamps() throws IOException {
        Map<Path, Long> m = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(root) || !ignored(d.getFileName().toString())
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // deleted between listing and reading: it no longer counts
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (!ignored(f.getFileName().toString())) {
                    m.put(f, attrs.lastModifiedTime().toMillis() * 31 + attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return m;
    }

    private void closeEvents() throws IOException {
        WatchService ev = events;
        events = null;
        if (ev != null) {
            ev.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeEvents();
    }
}
