package dev.progy.spi.support.image;

import dev.progy.spi.support.IoFailures;
import dev.progy.model.Course;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The files a course's image is built from: its pristine root, without what is never part of an image (Progy's
 * own state, version control, build output, installed packages). The same list makes the content hash that names
 * the image and the tar sent to the engine, so a changed file always means a new image — and both container
 * runners name an image of the same content alike ({@link CourseImageNames}).
 */
public final class BuildContext {

    /** Names left out at any depth: the same as a course archive leaves out. */
    public static final Set<String> EXCLUDED = Course.EXCLUDED_NAMES;

    private final Path root;
    /** Relative paths ('/'-separated), sorted: the order is part of the hash. */
    private final List<String> files;

    private BuildContext(Path root, List<String> files) {
        this.root = root;
        this.files = files;
    }

    /** The context rooted at {@code root}, an existing folder. */
    public static BuildContext of(Path root) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && EXCLUDED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink())
                            && !EXCLUDED.contains(file.getFileName().toString())) {
                        files.add(relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ProgyException("cannot read the course folder " + root + ": " + IoFailures.describe(e),
                    "check that the folder exists and is readable", e);
        }
        files.sort(String::compareTo);
        return new BuildContext(root, List.copyOf(files));
    }

    /**
     * The Dockerfile at {@code path} (relative, '/'-separated) inside {@code root}, refused when it would lie
     * outside: an absolute path, {@code ..} out of the folder, or a link leading out of it.
     */
    public static Path dockerfile(Path root, String path) {
        Path relative = Path.of(path).normalize();
        if (path.isBlank() || relative.isAbsolute() || relative.startsWith("..")
                || relative.toString().isEmpty()) {
            throw new UnsafePathException("the runner's dockerfile '" + path + "' is outside the course folder "
                    + root + ": it must be a path inside it, e.g. Dockerfile or docker/Dockerfile");
        }
        Path file = root.resolve(relative);
        try {
            if (Files.exists(file) && !file.toRealPath().startsWith(root.toRealPath())) {
                throw new UnsafePathException("the runner's dockerfile '" + path + "' leads out of the course folder "
                        + root + " (through a link)");
            }
        } catch (IOException e) {
            throw new ProgyException("cannot read " + file + ": " + IoFailures.describe(e),
                    "check that the file is readable", e);
        }
        return file;
    }

    /** The SHA-256, in hex, over every file's relative path, kind, executable bit and content, in path order. */
    public String hash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try {
            for (String name : files) {
                Path file = root.resolve(name);
                boolean link = Files.isSymbolicLink(file);
                byte[] content = link ? Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)
                        : Files.readAllBytes(file);
                String header = name + '\0' + (link ? 'l' : Files.isExecutable(file) ? 'x' : 'f') + '\0'
                        + content.length + '\0';
                sha.update(header.getBytes(StandardCharsets.UTF_8));
                sha.update(content);
            }
        } catch (IOException e) {
            throw new ProgyException("cannot read the course folder " + root + ": " + IoFailures.describe(e),
                    "check that the folder exists and is readable", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the context as a tar, the form the engine's build takes. */
    public void writeTar(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : files) {
                Path file = root.resolve(name);
                if (Files.isSymbolicLink(file)) {
                    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(file).toString());
                    tar.putArchiveEntry(entry);
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(file, name, LinkOption.NOFOLLOW_LINKS);
                    entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
