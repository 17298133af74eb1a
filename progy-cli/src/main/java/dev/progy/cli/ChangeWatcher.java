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
 */
final class ChangeWatcher implements AutoCloseable {
    private static final Duration EVENT_GRACE = Duration.ofMillis(500);
    private final Path root;
    private final Duration pollInterval;
    private final Runnable onFallback;
    private WatchService events;
    private Map<Path, Long> snapshot;
    private long lastEventAt;
    private boolean polling;

    ChangeWatcher(Path root, boolean poll, Duration pollInterval, Runnable onFallback) throws IOException {
        this.root = root;
        this.pollInterval = pollInterval;
        this.onFallback = onFallback;
        this.polling = poll;
        this.snapshot = scan();
        if (!poll) {
            events = FileSystems.getDefault().newWatchService();
            registerAll(root);
        }
    }

    boolean polling() {
        return polling;
    }

    /** Blocks until something changed (true) or {@code timeout} passed (false). */
    boolean awaitChange(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextScan = System.nanoTime() + pollInterval.toNanos();
        while (System.nanoTime() < deadline) {
            if (!polling) {
                long wait = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextScan - System.nanoTime()),
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                WatchKey key;
                try {
                    key = events.poll(wait, TimeUnit.MILLISECONDS);
                } catch (ClosedWatchServiceException e) {
                    return false;
                }
                if (key != null && drain(key)) {
                    lastEventAt = System.nanoTime();
                    snapshot = scan();
                    return true;
                }
            } else {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nextScan - System.nanoTime()),
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
            if (System.nanoTime() >= nextScan) {
                nextScan = System.nanoTime() + pollInterval.toNanos();
                Map<Path, Long> now = scan();
                if (!now.equals(snapshot)) {
                    snapshot = now;
                    // the scan may see a change a moment before its event arrives: give the event a grace period;
                    // a change seen only by polling means events do not arrive here
                    if (!polling && System.nanoTime() - lastEventAt > pollInterval.toNanos() * 2) {
                        WatchKey late = events.poll(EVENT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        if (late != null) {
                            drain(late);
                            lastEventAt = System.nanoTime();
                            snapshot = scan();
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
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                registerAll(child);
            }
            if (!ignored(child.getFileName().toString())) {
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

    private void registerAll(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                d.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Map<Path, Long> scan() throws IOException {
        Map<Path, Long> m = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(root) || !ignored(d.getFileName().toString())
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
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
        if (events != null) {
            events.close();
            events = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeEvents();
    }
}
