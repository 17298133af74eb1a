package dev.progy.assets;

import dev.progy.CourseArchive;
import dev.progy.spi.support.IoFailures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the images a course uses: every file under {@code assets/} that is named like an image, and every image
 * named by the course's Markdown (exercise instructions, the setup guide, READMEs), by {@code course.json}'s
 * {@code branding.coverImage} and by the text of its quizzes. External URLs and {@code data:} URIs are not the
 * course's files and are left alone.
 */
final class CourseScan {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp", "svg", "avif",
            "tif", "tiff");

    /** What the scan found: images (relative paths, sorted), references to them, and notes about files it skipped. */
    record Result(TreeSet<String> images, List<ImageReference> references, List<String> notes) { }

    private final Path root;
    private final TreeSet<String> images = new TreeSet<>();
    private final List<ImageReference> references = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private CourseScan(Path root) {
        this.root = root;
    }

    static Result of(Path root) throws IOException {
        CourseScan scan = new CourseScan(root);
        scan.walk();
        return new Result(scan.images, scan.references, scan.notes);
    }

    private void walk() throws IOException {
        for (Path file : CourseArchive.files(root)) {
            String rel = relative(file);
            String name = file.getFileName().toString();
            if (rel.startsWith("assets/") && IMAGE_EXTENSIONS.contains(extension(name))) {
                images.add(rel);
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".md")) {
                read(file).ifPresent(text -> markdown(rel, file.getParent(), text, MarkdownDestinations.of(text)
                        .stream().map(d -> new Found(d.value(), identity(d.start(), d.end()))).toList()));
            } else if (rel.equals("course.json") || name.equals("quiz.json")) {
                read(file).ifPresent(text -> json(rel, file.getParent(), text));
            }
        }
    }

    /** A destination as written (Markdown escapes and all) and, per character, its index in the file's text. */
    private record Found(String written, int[] offsets) { }

    private void markdown(String rel, Path base, String text, List<Found> found) {
        for (Found f : found) {
            reference(rel, base, text, f, true);
        }
    }

    private void json(String rel, Path base, String text) {
        List<JsonStrings.Value> values;
        try {
            values = JsonStrings.of(text);
        } catch (IOException e) {
            notes.add(rel + " is not valid JSON; the images it names were not looked for");
            return;
        }
        for (JsonStrings.Value v : values) {
            if (rel.equals("course.json")) {
                if (v.path().equals("branding.coverImage")) {
                    reference(rel, root, text, new Found(v.value(), v.offsets()), false);
                }
            } else {
                // a quiz's texts are Markdown: its images are found as in any Markdown file
                for (MarkdownDestinations.Destination d : MarkdownDestinations.of(v.value())) {
                    int[] offsets = new int[d.end() - d.start() + 1];
                    System.arraycopy(v.offsets(), d.start(), offsets, 0, offsets.length);
                    reference(rel, base, text, new Found(d.value(), offsets), true);
                }
            }
        }
    }

    private void reference(String rel, Path base, String text, Found f, boolean url) {
        String written = f.written();
        int pathEnd = url ? endOfPath(written) : written.length();
        String path = written.substring(0, pathEnd);
        if (path.isEmpty() || path.startsWith("//") || path.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
            return; // external (https:, data:, mailto:, …): not the course's file
        }
        String decoded = url ? percentDecode(unescape(path)) : path;
        if (decoded == null) {
            return;
        }
        Path target = (decoded.startsWith("/") ? root.resolve(decoded.substring(1)) : base.resolve(decoded)).normalize();
        if (!target.startsWith(root) || !Files.isRegularFile(target)) {
            return; // broken or outside: Course Guard's business, nothing to convert
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        int extStart = dot > slash + 1 ? dot : pathEnd;
        String writtenExt = path.substring(extStart);
        int textStart = f.offsets()[extStart];
        int textEnd = f.offsets()[pathEnd];
        String targetName = target.getFileName().toString();
        if (!text.substring(textStart, textEnd).equals(writtenExt)
                || !targetName.toLowerCase(Locale.ROOT).endsWith(writtenExt.toLowerCase(Locale.ROOT))) {
            images.add(relative(target)); // an escaped extension: the image still counts, the reference stays
            return;
        }
        String image = relative(target);
        images.add(image);
        references.add(new ImageReference(rel, textStart, textEnd, image));
    }

    private static int endOfPath(String written) {
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '?' || c == '#') {
                return i;
            }
        }
        return written.length();
    }

    private static String unescape(String s) {
        return s.replaceAll("\\\\(\\p{Punct})", "$1");
    }

    /** %XX sequences decoded as UTF-8 (a '+' stays a '+': this is a path, not a form); null when malformed. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                try {
                    bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    return null;
                }
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private java.util.Optional<String> read(Path file) {
        try {
            String text = strictUtf8(Files.readAllBytes(file));
            if (text == null) {
                notes.add(relative(file) + " is not UTF-8 text; the images it names were not looked for");
            }
            return java.util.Optional.ofNullable(text);
        } catch (IOException e) {
            notes.add(relative(file) + " could not be read: " + IoFailures.describe(e));
            return java.util.Optional.empty();
        }
    }

    /** The bytes as UTF-8, or null when they are not: a lenient decode would not write back the same bytes. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int[] identity(int start, int end) {
        int[] out = new int[end - start + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + i;
        }
        return out;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
