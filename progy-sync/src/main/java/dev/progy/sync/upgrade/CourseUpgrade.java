package dev.progy.sync.upgrade;

import dev.progy.CourseVersions;
import dev.progy.Progy;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.spi.support.IoFailures;
import dev.progy.spi.support.scratch.ScratchFolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Moves a workspace to a new version of its course and keeps the student's code: each course file is merged three
 * ways, as git merges a branch — base = the version the student started from (the workspace's pristine copy), ours =
 * the student's file, theirs = the new version — with git's own algorithm. Untouched files update, edited files keep
 * the student's edits with the course's changes merged in, real conflicts are written with markers and listed, and
 * nothing is deleted silently: every file replaced or removed is kept in {@code .progy/upgrade-backup/}.
 *
 * <pre>{@code
 * try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, ws, "courses/sql-basics-1.1.0.progy")) {
 *     upgrade.changes().forEach(System.out::println);   // what will happen (a dry run stops here)
 *     upgrade.apply();
 * }
 * }</pre>
 *
 * <p>An upgrade is written down in full before it touches the workspace ({@link UpgradeJournal}); if it is
 * interrupted, the next {@link #prepare} picks the same upgrade up and {@link #apply} finishes it.
 */
public final class CourseUpgrade implements AutoCloseable {

    private final Progy progy;
    private final Workspace ws;
    private final UpgradeJournal journal;
    private final List<byte[]> contents;
    private final boolean resumed;
    private final Path scratch;

    private CourseUpgrade(Progy progy, Workspace ws, UpgradeJournal journal, List<byte[]> contents, boolean resumed,
                          Path scratch) {
        this.progy = progy;
        this.ws = ws;
        this.journal = journal;
        this.contents = contents;
        this.resumed = resumed;
        this.scratch = scratch;
    }

    /**
     * Plans the upgrade of {@code ws} to the course at {@code source} (a course folder, a {@code .progy} file or a
     * registry name), touching nothing in the workspace; or picks up an interrupted upgrade, whatever
     * {@code source} says.
     *
     * @throws ProgyException when the source is missing or invalid, holds another course, or holds an older version
     *                        of this one (see {@link #prepare(Progy, Workspace, String, boolean)})
     */
    public static CourseUpgrade prepare(Progy progy, Workspace ws, String source) {
        return prepare(progy, ws, source, false);
    }

    /**
     * As {@link #prepare(Progy, Workspace, String)}; {@code allowDowngrade} lets the source hold an older version
     * than the workspace's (a deliberate step back), which is otherwise refused.
     */
    public static CourseUpgrade prepare(Progy progy, Workspace ws, String source, boolean allowDowngrade) {
        Optional<UpgradeJournal> interrupted = UpgradeJournal.read(ws.root());
        if (interrupted.isPresent()) {
            return new CourseUpgrade(progy, ws, interrupted.get(), List.of(), true, null);
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("progy-upgrade-");
        } catch (IOException e) {
            throw new ProgyException("cannot make a scratch folder for the upgrade: " + IoFailures.describe(e),
                    "check that the temporary folder is writable", e);
        }
        try {
            // the new version, installed exactly as a student's copy is (checked, without its solutions)
            Workspace incoming = progy.init(source, scratch.resolve("incoming"));
            if (!incoming.course().id().equals(ws.course().id())) {
                throw new ProgyException(source + " holds the course '" + incoming.course().id() + "', not this "
                        + "workspace's '" + ws.course().id() + "'", "give a version of " + ws.course().id());
            }
            String from = ws.course().version();
            String to = incoming.course().version();
            if (!allowDowngrade && CourseVersions.compare(to, from).orElse(0) < 0) {
                throw new ProgyException(source + " holds version " + to + " of " + ws.course().id()
                        + ", older than this workspace's " + from, "to go back to " + to + " on purpose, add "
                        + "--allow-downgrade (your files are merged as in an upgrade, and kept in .progy/upgrade-backup/)");
            }
            String backup = Workspace.STATE_DIR + "/upgrade-backup/" + from + "-to-" + to + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Clock.systemUTC().instant());
            UpgradePlanner planner = new UpgradePlanner(ws.root().resolve(Workspace.PRISTINE_DIR), ws.root(),
                    incoming.root().resolve(Workspace.PRISTINE_DIR), to);
            planner.plan();
            UpgradeJournal journal = new UpgradeJournal(source, from, to, backup, planner.changes(), planner.steps());
            return new CourseUpgrade(progy, ws, journal, planner.contents(), false, scratch);
        } catch (IOException e) {
            close(scratch);
            throw new ProgyException("could not read the course files to upgrade: " + IoFailures.describe(e),
                    "check that the workspace is readable", e);
        } catch (RuntimeException e) {
            close(scratch);
            throw e;
        }
    }

    /** The version the workspace has now. */
    public String fromVersion() {
        return journal.fromVersion;
    }

    /** The version it will have. */
    public String toVersion() {
        return journal.toVersion;
    }

    /** Whether this finishes an upgrade that was interrupted (by a crash, say) rather than a new one. */
    public boolean resumed() {
        return resumed;
    }

    /** What will happen to each file, in path order; files nobody changed are not listed. */
    public List<FileChange> changes() {
        return journal.changes;
    }

    /**
     * Whether there is nothing to do: the source holds the version the workspace has, and no file differs from it.
     * {@link #apply()} then changes nothing.
     */
    public boolean upToDate() {
        return !resumed && journal.changes.isEmpty() && journal.fromVersion.equals(journal.toVersion);
    }

    /** Whether some file has lines the student and the course both changed (written with conflict markers). */
    public boolean conflicts() {
        return journal.changes.stream().anyMatch(c -> c.action() == FileChange.Action.CONFLICT);
    }

    /** Where the files this upgrade replaces or removes are kept, relative to the workspace. */
    public String backupFolder() {
        return journal.backup;
    }

    /**
     * Applies the upgrade: the files change as {@link #changes()} says, then the workspace's pristine copy and
     * manifest move to the new version. The student's progress is kept.
     *
     * @return the workspace, re-opened on the new version
     */
    public Workspace apply() {
        Path root = ws.root();
        if (upToDate()) {
            return ws;
        }
        try {
            if (!resumed) {
                journal.stage(root, contents);
            }
            journal.apply(root);
            progy.init(journal.source, root);
            UpgradeJournal.finish(root);
        } catch (IOException e) {
            if (UpgradeJournal.read(root).isEmpty()) {
                throw new ProgyException("the upgrade could not start: " + IoFailures.describe(e),
                        "nothing was changed; fix that, then run progy upgrade again", e);
            }
            throw new ProgyException("the upgrade stopped: " + IoFailures.describe(e), "nothing is lost: fix that, "
                    + "then run progy upgrade again to finish it; replaced files are in " + journal.backup, e);
        }
        return progy.openWorkspace(root);
    }

    /** The first half of {@link #apply()}: the journal and staged files, nothing moved yet (tests of a crash). */
    void stageOnly() throws IOException {
        journal.stage(ws.root(), contents);
    }

    @Override
    public void close() {
        close(scratch);
    }

    private static void close(Path scratch) {
        if (scratch == null) {
            return;
        }
        ScratchFolders.deleteQuietly(scratch); // a leftover in the temporary folder harms nothing
    }
}
