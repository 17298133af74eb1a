package dev.progy.sync.backup;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.support.IoFailures;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.time.Duration;
import java.util.Locale;

/**
 * One push of the device's branch to the remote. The outcome says whether trying again later can help (the network
 * was down, the host did not answer) or cannot (no repository there, the login was refused, the branch was changed
 * by someone else), so a background push retries only the first kind.
 */
final class BackupPush {

    /** Seconds a push may take before it is given up (connect and read). */
    static final String TIMEOUT_KEY = "progy.backup.timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How a push ended. */
    record Outcome(boolean pushed, boolean worthRetrying, String error) {
        static final Outcome OK = new Outcome(true, false, "");

        static Outcome transientFailure(String error) {
            return new Outcome(false, true, error);
        }

        static Outcome permanentFailure(String error) {
            return new Outcome(false, false, error);
        }
    }

    private BackupPush() { }

    static Outcome push(BackupRepository backup, ProviderConfig config) {
        String remote = backup.remoteUrl().orElse("");
        String branch = Constants.R_HEADS + backup.branch();
        int timeout = (int) Math.max(1, config.seconds(TIMEOUT_KEY, DEFAULT_TIMEOUT).toSeconds());
        try (Git git = new Git(backup.repository())) {
            PushCommand push = git.push().setRemote(BackupRepository.REMOTE).setRefSpecs(new RefSpec(branch + ":" + branch))
                    .setTimeout(timeout).setProgressMonitor(NullProgressMonitor.INSTANCE);
            BackupCredentials.provider(remote, config).ifPresent(push::setCredentialsProvider);
            for (PushResult result : push.call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    Outcome refused = refusal(update, backup.branch(), remote);
                    if (refused != null) {
                        return scrubbed(refused, config);
                    }
                }
            }
            return Outcome.OK;
        } catch (GitAPIException | RuntimeException e) {
            return scrubbed(failure(e, remote), config);
        }
    }

    private static Outcome refusal(RemoteRefUpdate update, String branch, String remote) {
        return switch (update.getStatus()) {
            case OK, UP_TO_DATE -> null;
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> Outcome.permanentFailure("the branch " + branch
                    + " on " + remote + " has commits this workspace does not have (was the workspace copied to another"
                    + " machine with its .progy folder?); delete .progy/device-id and .progy/backup.git to back up on a new branch");
            default -> Outcome.permanentFailure(remote + " refused the push of " + branch
                    + (update.getMessage() != null ? ": " + update.getMessage() : " (" + update.getStatus() + ")"));
        };
    }

    private static Outcome failure(Exception e, String remote) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException) {
                return Outcome.permanentFailure("there is no git repository at " + remote
                        + "; create an empty one first (git init --bare, or a new repository on your git host)");
            }
            if (t instanceof NotSupportedException) {
                return Outcome.permanentFailure("progy backup cannot reach " + remote + ": " + t.getMessage());
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("not authorized") || m.contains("authentication is required") || m.contains("auth fail")) {
                return Outcome.permanentFailure(remote + " refused the login: set PROGY_BACKUP_TOKEN (and PROGY_BACKUP_USER"
                        + " if your host needs a user name) to a token that may push");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the cause says what happened (host unknown, nothing answered); git's own wording around it says little
        String why = root instanceof java.io.IOException io ? IoFailures.describe(io)
                : root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
        return Outcome.transientFailure("could not push to " + remote + ": " + why);
    }

    private static Outcome scrubbed(Outcome o, ProviderConfig config) {
        return new Outcome(o.pushed(), o.worthRetrying(), BackupCredentials.scrub(o.error(), config));
    }
}
