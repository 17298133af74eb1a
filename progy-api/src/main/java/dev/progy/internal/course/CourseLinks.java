package dev.progy.internal.course;

import dev.progy.model.Course;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links that lead out of a course, both kinds, as errors: a file-system link (packing and installing refuse every
 * link, so a course holding one could never be installed) and a Markdown link or image whose path climbs out of the
 * course folder (in a student's workspace it would point at their own files). A Markdown path starting with
 * {@code /} is read from the course root ({@code /assets/logo.png}), as the original read it.
 */
final class CourseLinks {

    /** {@code [text](dest)} and {@code ![alt](dest)}; the destination may be in angle brackets. */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*]\\(\\s*(<[^>]*>|[^)\\s]+)");
    /** {@code [label]: dest} reference definitions. */
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1|(`+)\\1");
    private static final Pattern SCHEME = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*:.*");

    private CourseLinks() { }

    static void check(Path root, Problems problems) {
        List<Path> markdown = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && Course.EXCLUDED_NAMES.contains(String.valueOf(dir.getFileName()))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (Course.EXCLUDED_NAMES.contains(String.valueOf(file.getFileName()))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        fileLink(root, file, problems);
                    } else if (attrs.isRegularFile()
                            && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
                        markdown.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // what cannot be read is reported where it is read
                }
            });
        } catch (IOException e) {
            return;
        }
        markdown.sort(null);
        for (Path md : markdown) {
            markdownLinks(root, md, problems);
        }
    }

    private static void fileLink(Path root, Path link, Problems problems) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        boolean outside = !link.getParent().resolve(target).normalize().startsWith(root);
        problems.add(link, "", "is a link to " + target + (outside ? ", outside the course" : "")
                + "; a course is installed from an archive, which never holds links: replace it with a copy of the"
                + " file" + (outside ? " inside the course" : " it points to"));
    }

    private static void markdownLinks(Path root, Path md, Problems problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(md, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return; // not text: nothing to follow
        }
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                String marker = f.group(1);
                if (fence == null) {
                    fence = marker;
                    continue;
                }
                if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                    continue;
                }
            }
            if (fence != null || line.startsWith("    ") || line.startsWith("\t")) {
                continue; // code is not a link
            }
            String text = CODE_SPAN.matcher(line).replaceAll("");
            List<String> destinations = new ArrayList<>();
            Matcher m = INLINE.matcher(text);
            while (m.find()) {
                destinations.add(m.group(1));
            }
            Matcher r = REFERENCE.matcher(text);
            if (r.find()) {
                destinations.add(r.group(1));
            }
            for (String dest : destinations) {
                if (leavesCourse(root, md, dest)) {
                    problems.add(md, "line " + (i + 1), "the link to " + dest + " leads out of the course; link to a"
                            + " file inside the course (a path starting with / is read from the course root)");
                }
            }
        }
    }

    /** Whether a Markdown link's destination, as written in {@code md}, is a path that climbs out of the course. */
    static boolean leavesCourse(Path root, Path md, String destination) {
        String dest = destination.trim();
        if (dest.startsWith("<") && dest.endsWith(">")) {
            dest = dest.substring(1, dest.length() - 1).trim();
        }
        if (dest.isEmpty() || dest.startsWith("#") || dest.startsWith("//") || SCHEME.matcher(dest).matches()) {
            return false; // same file, or the web (and mail, data, …)
        }
        int cut = dest.length();
        for (char c : new char[] {'#', '?'}) {
            int at = dest.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String path;
        try {
            path = URLDecoder.decode(dest.substring(0, cut).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            path = dest.substring(0, cut);
        }
        try {
            Path target = path.startsWith("/") ? root.resolve(path.substring(1)) : md.getParent().resolve(path);
            return !target.normalize().startsWith(root);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
