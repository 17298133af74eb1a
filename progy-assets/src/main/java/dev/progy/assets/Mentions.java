package dev.progy.assets;

import dev.progy.CourseArchive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The course's text files, to tell whether an original image is still named anywhere after the rewrite: in a
 * plain link, a code block, a script, a page. Anything that names it keeps it; the check is by file name, so it
 * errs on the side of keeping a file.
 */
final class Mentions {

    /** Text files bigger than this are not data a course names images in (logs, data sets): skipped. */
    private static final long MAX_TEXT_BYTES = 4L << 20;

    private record TextFile(String path, String text) { }

    private final List<TextFile> files;

    private Mentions(List<TextFile> files) {
        this.files = files;
    }

    static Mentions of(Path root) throws IOException {
        List<TextFile> files = new ArrayList<>();
        for (Path file : CourseArchive.files(root)) {
            String ext = CourseScan.extension(file.getFileName().toString());
            if (Files.size(file) <= MAX_TEXT_BYTES && !CourseScan.IMAGE_EXTENSIONS.contains(ext) && !binary(file)) {
                files.add(new TextFile(root.relativize(file).toString().replace('\\', '/'),
                        new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
            }
        }
        return new Mentions(files);
    }

    /** The first text file naming {@code fileName} as it is or percent-encoded, if any. */
    Optional<String> firstNaming(String fileName) {
        String encoded = fileName.replace("%", "%25").replace(" ", "%20");
        for (TextFile f : files) {
            if (f.text().contains(fileName) || f.text().contains(encoded)) {
                return Optional.of(f.path());
            }
        }
        return Optional.empty();
    }

    private static boolean binary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (byte b : in.readNBytes(8192)) {
                if (b == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
