package dev.progy.internal.progress;

import dev.progy.spi.support.scratch.AtomicFiles;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.IoFailures;
import dev.progy.model.CourseProgress;
import dev.progy.spi.ProgressStore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Progress kept in a workspace's {@code .progy/} folder, one JSON file per course:
 * {@code progress-<course id>.json}, the id spelled safely for any file system (see {@link #fileName}).
 *
 * <p>Writes replace the file atomically and durably ({@link AtomicFile}). An update holds a lock in this JVM
 * and a file lock on {@code progress-<id>.json.lock} across processes, so two {@code progy} commands never
 * lose each other's changes; loads need no lock, as they only ever see a whole file. The lock file stays in
 * place: deleting it would let two writers lock two different files.
 *
 * <p>A folder written by the original Progy holds a single {@code progress.json}; while a course has no file
 * of its own, that file is read as its progress, and the first update writes the course's own file.
 */
final class FileProgressStore implements ProgressStore {

    /** The original Progy's progress file, one per workspace. */
    static final String LEGACY_FILE = "progress.json";

    /** Locks of the courses this JVM is updating; a file lock cannot be taken twice by one JVM. */
    private static final ConcurrentHashMap<Path, ReentrantLock> UPDATING = new ConcurrentHashMap<>();

    private static final int MAX_PLAIN_NAME = 100;

    private final Path dir;

    FileProgressStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public CourseProgress load(String courseId) {
        return read(courseId).map(ProgressJson.Parsed::progress).orElseGet(() -> CourseProgress.empty(courseId));
    }

    @Override
    public CourseProgress update(String courseId, UnaryOperator<CourseProgress> change) {
        Path file = dir.resolve(fileName(courseId));
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.toRealPath().resolve(file.getFileName() + ".lock");
            ReentrantLock inJvm = UPDATING.computeIfAbsent(lockFile, k -> new ReentrantLock());
            inJvm.lock();
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock acrossProcesses = ch.lock()) {
                AtomicFiles.removeStrayTemps(file);
                Optional<ProgressJson.Parsed> current = read(courseId);
                CourseProgress before = current.map(ProgressJson.Parsed::progress)
                        .orElseGet(() -> CourseProgress.empty(courseId));
                CourseProgress after = Objects.requireNonNull(change.apply(before), "a progress change returned null");
                if (!after.courseId().equals(courseId)) {
                    throw new IllegalArgumentException("a progress change of course " + courseId
                            + " returned progress of course " + after.courseId());
                }
                // identity, not equals: record equality is bootstrapped at run time, which costs a command ~10 ms
                if (after == before && Files.exists(file)) {
                    return after;
                }
                // consistent, not durable: a power cut may cost the latest update, never a file; forcing the rename too
                // would cost each re-run of progy watch another half millisecond
                // the file read above is good: it becomes the last good copy (.bak) a damaged file is restored from
                byte[] content = ProgressJson.write(after, current.map(ProgressJson.Parsed::tree));
                if (Files.isRegularFile(file)) {
                    AtomicFiles.writeKeepingPrevious(file, content, AtomicFiles.Durability.CONSISTENT);
                } else {
                    AtomicFiles.write(file, content, AtomicFiles.Durability.CONSISTENT);
                }
                return after;
            } finally {
                inJvm.unlock();
            }
        } catch (IOException e) {
            throw new ProgyException("The progress file " + file + " cannot be written: " + describe(e, file, "written")
                    + ".", "Let Progy write in " + dir + " (chmod -R u+w " + dir + "; move away what is in the way; "
                            + "check the disk is not full), then try again.", e);
        }
    }

    /**
     * The progress of {@code courseId} kept in {@code dir} and the files holding it (the course's own file and an
     * original Progy's {@code progress.json}, those that exist); empty when there is none.
     */
    static Optional<FileProgressStoreProvider.Kept> held(Path dir, String courseId) {
        FileProgressStore store = new FileProgressStore(dir);
        Optional<ProgressJson.Parsed> parsed = store.read(courseId);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (Path f : java.util.List.of(store.dir.resolve(fileName(courseId)), store.dir.resolve(LEGACY_FILE))) {
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        return Optional.of(new FileProgressStoreProvider.Kept(parsed.get().progress(), files));
    }

    /** The course's own file, else the original Progy's file, else nothing. */
    private Optional<ProgressJson.Parsed> read(String courseId) {
        Optional<ProgressJson.Parsed> own = read(dir.resolve(fileName(courseId)), courseId);
        return own.isPresent() ? own : read(dir.resolve(LEGACY_FILE), courseId);
    }

    private static Optional<ProgressJson.Parsed> read(Path file, String courseId) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProgyException("Could not read the progress file " + file + ": " + describe(e, file, "read") + ".",
                    "Check that it is a file readable by you (ls -l " + file + ").", e);
        }
        try {
            return Optional.of(ProgressJson.read(bytes, courseId));
        } catch (ProgressJson.Damaged e) {
            throw damaged(file, courseId, e.getMessage());
        }
    }

    /** A damaged progress file: what is wrong, and the way back to its last good copy when there is one. */
    static ProgyException damaged(Path file, String courseId, String what) {
        Path previous = AtomicFiles.previousCopy(file);
        boolean goodCopy;
        try {
            goodCopy = Files.isRegularFile(previous) && ProgressJson.read(Files.readAllBytes(previous), courseId) != null;
        } catch (IOException | ProgressJson.Damaged e) {
            goodCopy = false;
        }
        String fix = goodCopy
                ? "Progy has left it untouched. Its last good copy is kept: put it back with `cp " + previous + " " + file
                        + "` (only the latest change is lost), or move the damaged file away to start afresh."
                : "Progy has left it untouched. Repair it by hand or restore it from a backup, or move it away (mv " + file + " " + file
                        + ".damaged) to start this course's progress afresh.";
        return new ProgyException("The progress file " + file + " is damaged: " + what + ".", fix);
    }

    /**
     * {@code progress-<id>.json}, keeping lower-case letters, digits, {@code -} and {@code .} and writing every
     * other byte as {@code _xx} (hex), so distinct ids get distinct names even on case-insensitive file systems
     * ({@code @scope/slug} → {@code progress-_40scope_2fslug.json}). Very long ids are cut and end in a hash.
     */
    static String fileName(String courseId) {
        if (courseId == null || courseId.isBlank()) {
            throw new IllegalArgumentException("a course id is required to store progress");
        }
        StringBuilder safe = new StringBuilder();
        for (byte b : courseId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
                safe.append(c);
            } else {
                safe.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        if (safe.length() > MAX_PLAIN_NAME) {
            safe.setLength(MAX_PLAIN_NAME - 17);
            safe.append('-').append(sha256Prefix(courseId));
        }
        return "progress-" + safe + ".json";
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Why a file operation failed, in plain words naming the file it failed on. */
    static String describe(IOException e, Path file, String verb) {
        Path failed = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : file;
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : "";
        if (Files.isDirectory(failed) && !failed.equals(file.getParent())) {
            return failed + " is a folder, not a file";
        }
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")) {
            return failed + " is not " + (verb.equals("read") ? "readable" : "writable") + " by you";
        }
        if (reason.contains("Read-only file system")) {
            return failed + " is on a read-only file system";
        }
        if (reason.contains("No space left")) {
            return "the disk holding " + failed + " is full";
        }
        return failed + " could not be " + verb + (reason.isBlank() ? "" : " (" + reason + ")");
    }


    @Override
    public String toString() {
        return "file progress store in " + dir;
    }
}
