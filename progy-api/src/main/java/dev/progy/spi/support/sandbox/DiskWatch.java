package dev.progy.spi.support.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Watches, from the host, how much a container run writes to the folders of the student's disk it may write
 * (the exercise folder and the output folder, both bind mounts) and stops the run once they have grown by more
 * than its disk limit, so a program that writes without end cannot fill the student's disk before its timeout.
 *
 * <p>The folders are measured every {@value #INTERVAL_MILLIS} ms (less often when measuring them takes longer)
 * by walking them without following links: the size of each file rounded up to a {@value #BLOCK}-byte block,
 * plus a block for each folder, so many small files count as the disk space they take. A run that stays under
 * the limit is never touched; one that passes it is reported by {@link #exceeded()} and {@code onExceeded}
 * (the adapter then kills the container). {@link #finish()} measures once more when the run is over, so a
 * program that wrote too much between two measurements and exited is still caught.
 */
public final class DiskWatch implements AutoCloseable {

    /** The usual time between two measurements, in milliseconds. */
    public static final long INTERVAL_MILLIS = 100;
    /** The block size files are rounded up to. */
    static final long BLOCK = 4096;

    private final List<Path> folders;
    private final long limitBytes;
    private final long baseline;
    private final Runnable onExceeded;
    private final Thread thread;
    private volatile boolean exceeded;
    private volatile boolean stopped;

    private DiskWatch(List<Path> folders, long limitBytes, Runnable onExceeded) {
        this.folders = List.copyOf(folders);
        this.limitBytes = limitBytes;
        this.onExceeded = Objects.requireNonNull(onExceeded, "onExceeded");
        this.baseline = size(this.folders);
        this.thread = new Thread(this::watch, "progy-disk-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Measures {@code folders} now and starts watching them; {@code onExceeded} is called once, from the
     * watching thread, when they have grown by more than {@code limitBytes}.
     */
    public static DiskWatch start(List<Path> folders, long limitBytes, Runnable onExceeded) {
        DiskWatch watch = new DiskWatch(folders, limitBytes, onExceeded);
        watch.thread.start();
        return watch;
    }

    /** Whether the folders grew by more than the limit. */
    public boolean exceeded() {
        return exceeded;
    }

    /** Stops watching, measures once more and says whether the folders grew by more than the limit. */
    public boolean finish() {
        close();
        if (!exceeded && size(folders) - baseline > limitBytes) {
            exceeded = true;
        }
        return exceeded;
    }

    /** Stops watching. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        while (!stopped) {
            long t0 = System.nanoTime();
            long grown = size(folders) - baseline;
            if (stopped) {
                return;
            }
            if (grown > limitBytes) {
                exceeded = true;
                onExceeded.run();
                return;
            }
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            try {
                Thread.sleep(Math.max(INTERVAL_MILLIS, 2 * tookMillis));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The disk space the folders take, as this watch counts it; 0 for a folder that is gone. */
    static long size(List<Path> folders) {
        long[] total = {0};
        for (Path folder : folders) {
            try {
                Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        total[0] += BLOCK;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        total[0] += (attrs.size() + BLOCK - 1) / BLOCK * BLOCK + (attrs.size() == 0 ? BLOCK : 0);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // deleted meanwhile, or unreadable: counts as nothing
                    }
                });
            } catch (IOException e) {
                // the folder is gone: nothing of it is on the disk
            }
        }
        return total[0];
    }
}
