package dev.progy.sync.backup;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.IoFailures;
import dev.progy.spi.ProviderConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Git backup of a student's work. The workspace's own files — never the pristine course in {@code .progy/}, never
 * secrets (see {@code BackupRules}) — are committed to a repository in {@code .progy/backup.git} on the branch
 * {@code progy/<device-id>}, and pushed to a remote the student chose (an HTTP(S) git host, with the token in
 * {@code PROGY_BACKUP_TOKEN}; or a folder, e.g. on a USB drive). Commits are local first: without a network they
 * pile up, and the next push sends them all.
 * <pre>{@code
 * WorkspaceBackup backup = WorkspaceBackup.of(workspaceRoot, ProviderConfig.fromSystem(), Clock.systemUTC());
 * backup.start("https://git.example.org/me/course-backup.git");
 * backup.backUpNow("Start backing up");                 // foreground: throws when the remote is unreachable
 * backup.backUpInBackground("Passed 01_basics/01_hello"); // never throws: errors go to status()
 * }</pre>
 * Settings: {@code progy.backup.token} / {@code .user} (HTTP basic), {@code progy.backup.timeout} (seconds per push,
 * default 30), {@code progy.backup.retries} (background retries, default 4) and {@code progy.backup.backoff}
 * (first wait between them in seconds, default 2, doubling up to 60).
 */
public final class WorkspaceBackup {

    static final String RETRIES_KEY = "progy.backup.retries";
    static final String BACKOFF_KEY = "progy.backup.backoff";
    private static final int DEFAULT_RETRIES = 4;
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** Pushes in a row one background backup makes while new commits keep arriving. */
    private static final int MAX_ROUNDS = 10;

    private final BackupPaths paths;
    private final ProviderConfig config;
    private final Clock clock;

    private WorkspaceBackup(Path root, ProviderConfig config, Clock clock) {
        this.paths = new BackupPaths(root);
        this.config = config;
        this.clock = clock;
    }

    /** The backup of the workspace at {@code workspaceRoot}. Does no I/O. */
    public static WorkspaceBackup of(Path workspaceRoot, ProviderConfig config, Clock clock) {
        return new WorkspaceBackup(workspaceRoot, config, clock);
    }

    /** Whether passing runs of this workspace are backed up. Cheap (one file check), for the path of every run. */
    public static boolean isOn(Path workspaceRoot) {
        return Files.isRegularFile(new BackupPaths(workspaceRoot).onMarker());
    }

    /**
     * Sets up the backup (or changes its remote) and turns it on. Nothing is committed or pushed yet.
     *
     * @throws ProgyException when the remote holds a password, needs SSH, or the repository cannot be made
     */
    public BackupStatus start(String remote) {
        String checked = BackupCredentials.checkRemote(remote);
        try (BackupLock lock = BackupLock.acquire(lockFile()); BackupRepository repo = BackupRepository.openOrCreate(paths)) {
            repo.setRemote(checked);
            try {
                Files.createFile(paths.onMarker());
            } catch (FileAlreadyExistsException e) {
                // on already
            }
        } catch (IOException e) {
            throw new ProgyException("could not set up the backup in " + paths.gitDir() + ": " + IoFailures.describe(e),
                    "check that the workspace folder is writable", e);
        }
        return status();
    }

    /** Stops backing up after runs; the repository and its history stay. @return false when it was not set up */
    public boolean off() {
        try {
            Files.deleteIfExists(paths.onMarker());
        } catch (IOException e) {
            throw new ProgyException("could not turn the backup off: " + IoFailures.describe(e), "check that .progy/ is writable", e);
        }
        return BackupRepository.exists(paths);
    }

    /**
     * Commits what changed and pushes now, in the foreground, once.
     *
     * @throws ProgyException when the backup is not on, or the commit failed; a {@link BackupFailedException} when the
     *                        push failed (the error is recorded too)
     */
    public BackupStatus backUpNow(String message) {
        if (!isOn(paths.root())) {
            throw new ProgyException("the backup of this workspace is " + (BackupRepository.exists(paths) ? "off" : "not set up"),
                    "turn it on with `progy backup --remote <url>`");
        }
        try {
            commit(message);
        } catch (IOException | RuntimeException e) {
            throw new ProgyException(recordError("could not commit: " + IoFailures.describe(e)), "", e);
        }
        BackupPush.Outcome outcome;
        try (BackupLock lock = BackupLock.acquire(paths.pushLock()); BackupRepository repo = BackupRepository.open(paths)) {
            outcome = BackupPush.push(repo, config);
            record(outcome);
        } catch (IOException e) {
            throw new ProgyException(recordError("could not push: " + IoFailures.describe(e)), "", e);
        }
        if (!outcome.pushed()) {
            throw new BackupFailedException(outcome.error(), outcome.worthRetrying()
                    ? "your work is committed locally; it is pushed by the next backup or `progy backup --now`" : "",
                    outcome.worthRetrying());
        }
        return status();
    }

    /**
     * Commits what changed and pushes it, retrying a failed push with growing waits ({@code progy.backup.retries},
     * {@code progy.backup.backoff}). For a background process: never throws, and a failure is recorded for
     * {@link #status()}. When another process is pushing at the moment, that one sends this commit too.
     */
    public void backUpInBackground(String message) {
        try {
            if (!isOn(paths.root())) {
                return;
            }
            commit(message);
            pushWithRetries();
        } catch (IOException | RuntimeException e) {
            recordError("backup failed: " + IoFailures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the backup stands. */
    public BackupStatus status() {
        if (!BackupRepository.exists(paths)) {
            return BackupStatus.notSetUp();
        }
        try (BackupRepository repo = BackupRepository.open(paths)) {
            BackupJournal journal = BackupJournal.read(paths.journal());
            return new BackupStatus(true, isOn(paths.root()), repo.remoteUrl(), Optional.of(repo.branch()), repo.head(),
                    journal.lastPushAt(), repo.pending(), journal.lastError(), journal.lastErrorAt());
        } catch (IOException e) {
            throw new ProgyException("the backup repository " + paths.gitDir() + " is unreadable: " + IoFailures.describe(e),
                    "delete that folder and run `progy backup --remote <url>` to start anew; your files are not in it", e);
        }
    }

    private Optional<BackupStatus.Commit> commit(String message) throws IOException {
        try (BackupLock lock = BackupLock.acquire(lockFile()); BackupRepository repo = BackupRepository.open(paths)) {
            return repo.commitIfChanged(message, repo.branch().substring(repo.branch().indexOf('/') + 1), clock.instant());
        }
    }

    private void pushWithRetries() throws IOException, InterruptedException {
        int retries = Math.max(0, config.find(RETRIES_KEY).map(Integer::parseInt).orElse(DEFAULT_RETRIES));
        Duration wait = config.seconds(BACKOFF_KEY, DEFAULT_BACKOFF);
        int failures = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<BackupLock> lock = BackupLock.tryAcquire(paths.pushLock());
            if (lock.isEmpty()) {
                return; // the process that holds it checks for new commits after taking it, so it pushes ours
            }
            BackupPush.Outcome outcome;
            try (BackupLock held = lock.get(); BackupRepository repo = BackupRepository.open(paths)) {
                if (repo.pending() == 0) {
                    return;
                }
                outcome = BackupPush.push(repo, config);
                record(outcome);
            }
            if (!outcome.pushed()) {
                if (!outcome.worthRetrying() || failures++ >= retries) {
                    return;
                }
                Thread.sleep(wait.toMillis()); // the lock is not held while waiting: a `--now` may push meanwhile
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
    }

    private void record(BackupPush.Outcome outcome) throws IOException {
        BackupJournal journal = BackupJournal.read(paths.journal());
        (outcome.pushed() ? journal.pushed(clock.instant()) : journal.failed(outcome.error(), clock.instant()))
                .write(paths.journal());
    }

    /** Records an error for {@code --status} as best it can, and returns it scrubbed of the token. */
    private String recordError(String error) {
        String clean = BackupCredentials.scrub(error, config);
        try {
            if (Files.isDirectory(paths.gitDir())) {
                BackupJournal.read(paths.journal()).failed(clean, clock.instant()).write(paths.journal());
            }
        } catch (IOException ignored) {
            // nowhere to record it: the status shows the pending commits all the same
        }
        return clean;
    }

    private Path lockFile() throws IOException {
        Files.createDirectories(paths.gitDir());
        return paths.commitLock();
    }
}
