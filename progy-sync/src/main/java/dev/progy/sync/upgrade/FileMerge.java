package dev.progy.sync.upgrade;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A three-way merge of one text file with git's own algorithm (JGit's {@link MergeAlgorithm}), as git merges. */
final class FileMerge {

    /** The merged bytes, and whether some lines could not be merged (they carry conflict markers). */
    record Merged(byte[] content, boolean conflicts) { }

    private FileMerge() { }

    /** Whether git would treat these bytes as binary (a NUL in the first 8 000 bytes): such files are not merged. */
    static boolean binary(byte[] content) {
        return RawText.isBinary(content);
    }

    /**
     * Merges the student's {@code ours} and the course's {@code theirs}, both made from {@code base}. Conflicting
     * lines are written between {@code <<<<<<< yours} and {@code >>>>>>> <theirsName>} markers.
     */
    static Merged merge(byte[] base, byte[] ours, byte[] theirs, String theirsName) {
        MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(ours), new RawText(theirs));
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(ours.length, theirs.length) + 256);
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", "yours", theirsName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return new Merged(out.toByteArray(), result.containsConflicts());
    }
}
