package dev.progy.sync.backup;

import dev.progy.error.ProgyException;

/** A backup push that did not go through; {@link #worthRetrying()} tells an offline moment from a wrong remote. */
public final class BackupFailedException extends ProgyException {

    private final boolean worthRetrying;

    BackupFailedException(String message, String fixHint, boolean worthRetrying) {
        super(message, fixHint);
        this.worthRetrying = worthRetrying;
    }

    /** Whether a later push may succeed as it is (the remote was busy or unreachable), rather than never. */
    public boolean worthRetrying() {
        return worthRetrying;
    }
}
