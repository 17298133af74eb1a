package dev.progy.sync.backup;

import dev.progy.sync.DeviceId;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The backup's git repository: {@code .progy/backup.git} with the workspace as its work tree, one branch
 * ({@code progy/<device-id>}) that HEAD points at, and one remote named {@value #REMOTE}. Commits are made from the
 * work tree as it is, minus what {@link BackupRules} leaves out.
 */
final class BackupRepository implements AutoCloseable {

    static final String REMOTE = "backup";

    private final Repository repo;
    private final String branch;

    private BackupRepository(Repository repo, String branch) {
        this.repo = repo;
        this.branch = branch;
    }

    /** Whether the workspace has a backup repository (on or off). */
    static boolean exists(BackupPaths paths) {
        return Files.isRegularFile(paths.gitDir().resolve("HEAD"));
    }

    /** Opens the repository, making it first (on branch {@code progy/<device id>}) when there is none. */
    static BackupRepository openOrCreate(BackupPaths paths) throws IOException {
        if (!exists(paths)) {
            create(paths, "progy/" + DeviceId.of(paths.deviceId()));
        }
        return open(paths);
    }

    static BackupRepository open(BackupPaths paths) throws IOException {
        Repository repo = new FileRepositoryBuilder().setGitDir(paths.gitDir().toFile())
                .setWorkTree(paths.root().toFile()).setMustExist(true).build();
        String full = repo.getFullBranch();
        if (full == null || !full.startsWith(Constants.R_HEADS)) {
            repo.close();
            throw new IOException(paths.gitDir() + " has no branch checked out; delete the folder to start the backup anew");
        }
        // the exclude file is written at each open so a newer Progy's list applies to an older repository
        Path exclude = paths.gitDir().resolve("info/exclude");
        Files.createDirectories(exclude.getParent());
        String text = BackupRules.excludeFile();
        if (!Files.isRegularFile(exclude) || !Files.readString(exclude, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(exclude, text, StandardCharsets.UTF_8);
        }
        return new BackupRepository(repo, full.substring(Constants.R_HEADS.length()));
    }

    /**
     * Made as a bare repository and then given its work tree: JGit's non-bare init would write a {@code .git} file
     * into the workspace, which is the student's.
     */
    private static void create(BackupPaths paths, String branch) throws IOException {
        Files.createDirectories(paths.gitDir().getParent());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(paths.gitDir().toFile()).build()) {
            repo.create(true);
            StoredConfig config = repo.getConfig();
            config.setBoolean("core", null, "bare", false);
            // for a student who looks with git itself: git --git-dir=.progy/backup.git log
            config.setString("core", null, "worktree", "../..");
            // files are backed up byte for byte, whatever the student's global settings
            config.setString("core", null, "autocrlf", "false");
            // a global core.hooksPath must not run the student's hooks on the backup
            config.setString("core", null, "hooksPath", "hooks");
            config.save();
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(Constants.R_HEADS + branch);
        }
    }

    /** The branch this workspace backs up to, e.g. {@code progy/laptop-3f9a2c1d}. */
    String branch() {
        return branch;
    }

    /** Points the remote at {@code url}; pushes then update {@code refs/remotes/backup/*} to count what is pending. */
    void setRemote(String url) throws IOException {
        StoredConfig config = repo.getConfig();
        if (!url.equals(config.getString("remote", REMOTE, "url"))) {
            // what the old remote received says nothing about the new one: every commit is pending again
            RefUpdate forget = repo.updateRef(Constants.R_REMOTES + REMOTE + "/" + branch);
            forget.setForceUpdate(true);
            if (repo.exactRef(forget.getName()) != null) {
                forget.delete();
            }
        }
        config.setString("remote", REMOTE, "url", url);
        config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
        config.save();
    }

    Optional<String> remoteUrl() {
        return Optional.ofNullable(repo.getConfig().getString("remote", REMOTE, "url"));
    }

    /**
     * Commits the work tree as it is now, when it differs from the last commit.
     *
     * @return the new commit, or empty when nothing changed
     */
    Optional<BackupStatus.Commit> commitIfChanged(String message, String device, Instant at) throws IOException {
        // the caller holds the commit lock: an index.lock left here was left by a killed backup
        Files.deleteIfExists(repo.getDirectory().toPath().resolve("index.lock"));
        try (Git git = new Git(repo)) {
            git.add().addFilepattern(".").setAll(true).call();
        } catch (GitAPIException e) {
            throw new IOException("could not read the workspace's files: " + e.getMessage(), e);
        }
        DirCache index = repo.lockDirCache();
        try {
            DirCacheEditor editor = index.editor();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry e = index.getEntry(i);
                if (BackupRules.refuses(e.getPathString()) || e.getFileMode() == FileMode.GITLINK) {
                    editor.add(new DirCacheEditor.DeletePath(e.getPathString()));
                }
            }
            editor.finish();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
        ObjectId parent = repo.resolve(Constants.R_HEADS + branch);
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId tree = index.writeTree(inserter);
            if (parent != null && walk.parseCommit(parent).getTree().equals(tree)) {
                return Optional.empty();
            }
            PersonIdent who = new PersonIdent("progy backup (" + device + ")", device + "@backup.progy.invalid",
                    at, ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(parent != null ? parent : ObjectId.zeroId());
            update.setRefLogMessage("progy backup: " + message, false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IOException("could not move the branch " + branch + " to the new commit: " + result);
            }
            return Optional.of(new BackupStatus.Commit(id.name(), message, at));
        }
    }

    /** The last commit of the branch, if any. */
    Optional<BackupStatus.Commit> head() throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
        if (tip == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(tip);
            return Optional.of(new BackupStatus.Commit(c.name(), c.getShortMessage(), c.getAuthorIdent().getWhenAsInstant()));
        }
    }

    /** Commits on the branch that the remote has not received yet (as far as the last successful push knows). */
    int pending() throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
        if (tip == null) {
            return 0;
        }
        ObjectId pushed = repo.resolve(Constants.R_REMOTES + REMOTE + "/" + branch);
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(tip));
            if (pushed != null) {
                walk.markUninteresting(walk.parseCommit(pushed));
            }
            int n = 0;
            while (walk.next() != null) {
                n++;
            }
            return n;
        }
    }

    /** The JGit repository, for {@link BackupPush}. */
    Repository repository() {
        return repo;
    }

    @Override
    public void close() {
        repo.close();
    }
}
