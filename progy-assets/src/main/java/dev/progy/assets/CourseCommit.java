package dev.progy.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts a run's work into the course, in an order that keeps every reference valid at each step: first the new
 * images (each an atomic move from the staging folder), then the rewritten Markdown and JSON (each written to the
 * staging folder and moved over its file), and last the originals that nothing names any more.
 */
final class CourseCommit {

    /** What the commit changed: text files rewritten, originals removed, and a note per image kept for a mention. */
    record Changes(List<String> rewritten, List<String> removed, Map<String, String> keptFor) { }

    private CourseCommit() { }

    static Changes apply(Path root, Path staging, List<ImageConversion.Conversion> conversions,
                         List<ImageReference> references) throws IOException {
        Map<String, ImageConversion.Conversion> byImage = new TreeMap<>();
        for (ImageConversion.Conversion c : conversions) {
            for (Optional<Path> staged : List.of(c.stagedWebp(), c.stagedAvif())) {
                if (staged.isPresent()) {
                    move(staged.get(), root.resolve(staging.relativize(staged.get()).toString()));
                }
            }
            if (c.webp().isPresent()) {
                byImage.put(c.image(), c);
            }
        }
        List<String> rewritten = rewrite(root, staging, byImage, references);
        List<String> removed = new ArrayList<>();
        Map<String, String> keptFor = new TreeMap<>();
        Mentions mentions = Mentions.of(root);
        for (ImageConversion.Conversion c : byImage.values()) {
            Path original = root.resolve(c.image());
            if (!Files.exists(original)) {
                continue;
            }
            Optional<String> naming = mentions.firstNaming(original.getFileName().toString());
            if (naming.isPresent()) {
                keptFor.put(c.image(), naming.get());
            } else {
                Files.delete(original);
                removed.add(c.image());
            }
        }
        return new Changes(rewritten, removed, keptFor);
    }

    private static List<String> rewrite(Path root, Path staging, Map<String, ImageConversion.Conversion> byImage,
                                        List<ImageReference> references) throws IOException {
        Map<String, List<ImageReference>> byFile = new TreeMap<>();
        for (ImageReference r : references) {
            if (byImage.containsKey(r.image())) {
                byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r);
            }
        }
        List<String> rewritten = new ArrayList<>();
        for (Map.Entry<String, List<ImageReference>> e : byFile.entrySet()) {
            Path file = root.resolve(e.getKey());
            String text = CourseScan.strictUtf8(Files.readAllBytes(file));
            if (text == null) {
                continue; // changed under us since the scan: left alone
            }
            StringBuilder out = new StringBuilder(text);
            List<ImageReference> edits = new ArrayList<>(e.getValue());
            edits.sort(Comparator.comparingInt(ImageReference::extStart).reversed());
            for (ImageReference r : edits) {
                out.replace(r.extStart(), r.extEnd(), byImage.get(r.image()).hashSuffix());
            }
            if (!out.toString().equals(text)) {
                Path temp = Files.createTempFile(staging, "text-", ".tmp");
                Files.write(temp, out.toString().getBytes(StandardCharsets.UTF_8));
                keepPermissions(file, temp);
                move(temp, file);
                rewritten.add(e.getKey());
            }
        }
        return rewritten;
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(to, view.readAttributes().permissions());
        } else if (Files.getFileAttributeView(to, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Moves atomically where the file system can (same folder tree, same disk), replacing what is there. */
    static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
