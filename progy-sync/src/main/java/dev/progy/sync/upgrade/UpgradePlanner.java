package dev.progy.sync.upgrade;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.IoFailures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Decides, file by file, what the upgrade does; reads, never writes. */
final class UpgradePlanner {
    private final Path base;
    private final Path ours;
    private final Path theirs;
    private final String toVersion;
    private final List<FileChange> changes = new ArrayList<>();
    private final List<UpgradeJournal.Step> steps = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    UpgradePlanner(Path base, Path ours, Path theirs, String toVersion) {
        this.base = base;
        this.ours = ours;
        this.theirs = theirs;
        this.toVersion = toVersion;
    }

    void plan() throws IOException {
        TreeSet<String> paths = new TreeSet<>(files(base));
        paths.addAll(files(theirs));
        for (String p : paths) {
            plan(p, read(base, p), read(ours, p), read(theirs, p));
        }
    }

    private void plan(String p, byte[] b, byte[] o, byte[] t) {
        if (t == null) {
            if (o == null) {
                return;
            }
            if (Arrays.equals(o, b)) {
                add(p, FileChange.Action.REMOVE, "this version no longer has it", null);
            } else {
                changes.add(new FileChange(p, FileChange.Action.KEEP, "this version no longer has it, but you "
                        + "changed it: yours stays"));
            }
            return;
        }
        if (o == null) {
            add(p, FileChange.Action.ADD, b != null ? "you had deleted it; this version still has it" : "", t);
        } else if (Arrays.equals(o, t) || b != null && Arrays.equals(b, t)) {
            // already the same, or only the student changed it: nothing to do
        } else if (b != null && Arrays.equals(o, b)) {
            add(p, FileChange.Action.UPDATE, "", t);
        } else if (FileMerge.binary(o) || FileMerge.binary(t) || b != null && FileMerge.binary(b)) {
            String beside = p + ".course-" + toVersion;
            changes.add(new FileChange(p, FileChange.Action.CONFLICT, "not text, so not merged: yours stays, "
                    + "the new version is beside it as " + beside));
            steps.add(new UpgradeJournal.Step(beside, false));
            contents.add(t);
        } else {
            FileMerge.Merged m = FileMerge.merge(b == null ? new byte[0] : b, o, t, "course " + toVersion);
            add(p, m.conflicts() ? FileChange.Action.CONFLICT : FileChange.Action.MERGE, m.conflicts()
                    ? "you and the course changed the same lines: both are in the file between <<<<<<< and "
                    + ">>>>>>> markers; keep what is right and delete the markers" : "your edits are kept", m.content());
        }
    }

    private void add(String p, FileChange.Action action, String detail, byte[] content) {
        changes.add(new FileChange(p, action, detail));
        steps.add(new UpgradeJournal.Step(p, content == null));
        if (content != null) {
            contents.add(content);
        }
    }

    List<FileChange> changes() {
        return changes;
    }

    List<UpgradeJournal.Step> steps() {
        return steps;
    }

    List<byte[]> contents() {
        return contents;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
        }
    }

    private static byte[] read(Path root, String p) {
        Path f = root.resolve(p);
        try {
            return Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            throw new ProgyException(IoFailures.describe(e), "check the file's permissions", e);
        }
    }
}
