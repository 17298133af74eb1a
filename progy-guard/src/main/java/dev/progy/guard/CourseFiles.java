package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import dev.progy.CourseArchive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The structure rules over a course's files (PG-S…): how many there are and how big, each file and all together,
 * and executables where a reviewer expects to read source — an ELF, Mach-O or PE program, or a "source" file that
 * is binary. The limits are {@link GuardLimits}; a course archive's own size is checked by the caller.
 */
final class CourseFiles {

    private static final Set<String> SOURCE_EXTENSIONS = Set.of("py", "sh", "bash", "js", "mjs", "cjs", "ts", "java",
            "kt", "go", "rs", "c", "h", "cpp", "hpp", "cs", "rb", "php", "md", "json", "toml", "yml", "yaml", "txt", "html",
            "css", "sql");

    private CourseFiles() { }

    static List<Finding> check(Path root, GuardLimits limits) {
        List<Finding> out = new ArrayList<>();
        long[] totals = new long[2]; // files, bytes
        for (Path file : CourseArchive.files(root)) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                continue; // gone since the listing: nothing to judge
            }
            totals[0]++;
            totals[1] += size;
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (size > limits.maxFileBytes()) {
                out.add(new Finding(GuardRules.TOO_BIG, relative, 0, "is " + mib(size)
                        + ", over the " + mib(limits.maxFileBytes()) + " a file may have",
                        "leave generated or downloaded files out of the course; fetch big data sets in the image build"));
            }
            executable(file, relative, out);
        }
        if (totals[0] > limits.maxFiles()) {
            out.add(new Finding(GuardRules.TOO_BIG, ".", 0, "the course has " + totals[0] + " files, over the "
                    + limits.maxFiles() + " allowed", "leave dependencies and build output out of the course"));
        }
        if (totals[1] > limits.maxTotal()) {
            out.add(new Finding(GuardRules.TOO_BIG, ".", 0, "the course holds " + mib(totals[1]) + " unpacked, over the "
                    + mib(limits.maxTotal()) + " allowed", "leave dependencies and build output out of the course"));
        }
        return out;
    }

    private static void executable(Path file, String relative, List<Finding> out) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (IOException e) {
            return;
        }
        String kind = programKind(head);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (kind != null) {
            out.add(new Finding(GuardRules.BINARY, relative, 0, "is a compiled " + kind + " program",
                    "ship its source and build it in the course's Dockerfile or runner; students cannot review a binary"));
        } else if (SOURCE_EXTENSIONS.contains(ext) && containsNul(head)) {
            out.add(new Finding(GuardRules.BINARY, relative, 0, "is named like ." + ext + " source but holds binary data",
                    "replace it with the source it stands for"));
        }
    }

    /** ELF, Mach-O (32/64, both byte orders, fat) or PE, by their first bytes; null for anything else. */
    static String programKind(byte[] head) {
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return "ELF (Linux)";
        }
        if (head.length >= 4) {
            int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            boolean thin = magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe;
            // 0xcafebabe starts both a fat Mach-O and a Java class file: a fat binary has a small architecture count
            // where a class file has its version (45 and up)
            boolean fat = magic == 0xcafebabe && head.length >= 8 && (head[7] & 0xff) < 20 && head[4] == 0 && head[5] == 0;
            if (thin || fat) {
                return "Mach-O (macOS)";
            }
        }
        if (head.length >= 64 && head[0] == 'M' && head[1] == 'Z') {
            int pe = (head[60] & 0xff) | (head[61] & 0xff) << 8;
            if (pe + 4 <= head.length && head[pe] == 'P' && head[pe + 1] == 'E' && head[pe + 2] == 0 && head[pe + 3] == 0) {
                return "PE (Windows)";
            }
        }
        return null;
    }

    private static boolean containsNul(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
