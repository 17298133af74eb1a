package dev.progy.sync.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock shared by every process (a file lock) and every thread of this one (a lock per file: a JVM cannot hold
 * one file lock twice). The operating system drops a file lock when its process dies, so a backup killed mid-way
 * never leaves a lock that blocks the next one.
 */
final class BackupLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private BackupLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    static BackupLock acquire(Path file) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
        local.lock();
        try {
            FileChannel ch = open(file);
            try {
                return new BackupLock(local, ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** The lock if nobody holds it; empty at once otherwise. */
    static Optional<BackupLock> tryAcquire(Path file) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
        if (!local.tryLock()) {
            return Optional.empty();
        }
        FileLock held = null;
        FileChannel ch = null;
        try {
            ch = open(file);
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null; // held by this process through another path: same as held
        } finally {
            if (held == null) {
                if (ch != null) {
                    ch.close();
                }
                local.unlock();
            }
        }
        return held == null ? Optional.empty() : Optional.of(new BackupLock(local, ch, held));
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
