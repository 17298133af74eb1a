package dev.progy.sync.backup;

import java.nio.file.Path;

/**
 * Where the backup keeps its things inside a workspace. The repository is a git folder of its own under
 * {@code .progy/}, with the workspace as its work tree: a student's own {@code .git} in the workspace, if any, is
 * never touched, and deleting {@code .progy/backup.git} resets the backup and nothing else.
 */
record BackupPaths(Path root) {

    static final String GIT_DIR = ".progy/backup.git";

    BackupPaths {
        root = root.toAbsolutePath().normalize();
    }

    Path gitDir() {
        return root.resolve(GIT_DIR);
    }

    /** Present while backing up is on; {@code --off} removes it and keeps the repository. */
    Path onMarker() {
        return gitDir().resolve("progy-backup-on");
    }

    /** When the last push happened and the last error, for {@code --status}. */
    Path journal() {
        return gitDir().resolve("progy-status.properties");
    }

    /** Held while a commit is made: one commit at a time, whichever process asks. */
    Path commitLock() {
        return gitDir().resolve("progy-commit.lock");
    }

    /** Held during a push attempt (not while waiting to retry). */
    Path pushLock() {
        return gitDir().resolve("progy-push.lock");
    }

    /** This workspace's device id, made once; names the branch. */
    Path deviceId() {
        return root.resolve(".progy/device-id");
    }
}
