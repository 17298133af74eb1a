package dev.progy.sync.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a workspace's backup stands, as {@code progy backup --status} shows it.
 *
 * @param setUp       whether the workspace has a backup repository at all
 * @param on          whether passing runs are backed up (false after {@code --off})
 * @param remote      where it pushes (never with a token in it)
 * @param branch      the branch of this device, e.g. {@code progy/laptop-3f9a2c1d}
 * @param lastCommit  the last commit made
 * @param lastPushAt  when a push last succeeded
 * @param pending     commits made but not pushed yet
 * @param lastError   why the last commit or push failed, when none has succeeded since
 * @param lastErrorAt when that was
 */
public record BackupStatus(boolean setUp, boolean on, Optional<String> remote, Optional<String> branch,
                           Optional<Commit> lastCommit, Optional<Instant> lastPushAt, int pending,
                           Optional<String> lastError, Optional<Instant> lastErrorAt) {

    /** The status of a workspace that has never been backed up. */
    static BackupStatus notSetUp() {
        return new BackupStatus(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty());
    }

    /**
     * One backup commit.
     *
     * @param id      the commit's full hash
     * @param message its first line, e.g. {@code Passed 01_basics/01_hello}
     * @param at      when it was made
     */
    public record Commit(String id, String message, Instant at) {
        /** The abbreviated hash, as git shows it. */
        public String shortId() {
            return id.substring(0, Math.min(7, id.length()));
        }
    }
}
