package dev.progy.sync.tutor;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;

/** The unified diff between two snapshots of an exercise's files, file by file, cut at a size. */
final class AttemptDiff {

    private AttemptDiff() { }

    static String between(Map<String, String> before, Map<String, String> after, int max) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String a = before.getOrDefault(path, "");
            String b = after.getOrDefault(path, "");
            if (a.equals(b)) {
                continue;
            }
            out.append("--- a/").append(before.containsKey(path) ? path : "/dev/null").append('\n');
            out.append("+++ b/").append(after.containsKey(path) ? path : "/dev/null").append('\n');
            out.append(hunks(a, b));
            if (out.length() >= max) {
                break;
            }
        }
        return out.length() > max ? out.substring(0, max) + "\n… (cut)\n" : out.toString();
    }

    private static String hunks(String a, String b) {
        RawText ra = new RawText(a.getBytes(StandardCharsets.UTF_8));
        RawText rb = new RawText(b.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, ra, rb);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(bytes)) {
            f.setContext(2);
            f.format(edits, ra, rb);
            f.flush();
        } catch (IOException e) {
            return "";
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
