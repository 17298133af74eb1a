package dev.progy.spi.support.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Host paths a compose file names (bind mount sources, build contexts, Dockerfiles, env files, files it
 * extends), held inside the course folder. A path is relative to the folder of the file that names it, as
 * compose reads it; it is refused when it is absolute or starts at a home folder ({@code ~}), when {@code ..}
 * leads out of the course, or when a link on the way leads out (the real path counts, not the written one).
 * What passes is returned relative to the course root, {@code /}-separated ({@code .} for the root itself).
 */
final class ComposePaths {

    /** Why a path was refused or not found, in words for the course's author. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Path root;

    /** @param root the course root, a real path */
    ComposePaths(Path root) {
        this.root = root;
    }

    /** The course root, a real path. */
    Path root() {
        return root;
    }

    /**
     * {@code declared}, written in the file whose folder is {@code base} (course-relative), as a course-relative
     * path that exists.
     */
    String inside(String base, String declared) throws Refused {
        String p = declared.strip();
        if (p.isEmpty()) {
            throw new Refused("is empty");
        }
        if (p.startsWith("/") || p.startsWith("\\") || p.startsWith("~") || isDrive(p)) {
            throw new Refused("'" + declared + "' is a path on your machine outside the course; only paths inside"
                    + " the course folder, relative to the compose file (e.g. ./data), are allowed");
        }
        if (p.contains("://") || p.startsWith("git@")) {
            throw new Refused("'" + declared + "' is a remote address; no registry or remote repository is"
                    + " reached: use a folder of the course");
        }
        String joined = base.equals(".") ? p : base + "/" + p;
        String normal = normalize(joined);
        if (normal == null) {
            throw new Refused("'" + declared + "' leads out of the course folder");
        }
        Path onHost = normal.equals(".") ? root : root.resolve(normal);
        Path real;
        try {
            real = onHost.toRealPath();
        } catch (IOException e) {
            if (Files.isSymbolicLink(onHost)) {
                throw new Refused("'" + declared + "' is a link to something that does not exist");
            }
            throw new Refused("'" + declared + "' does not exist in the course (at " + normal + ")");
        }
        if (!real.startsWith(root)) {
            throw new Refused("'" + declared + "' leads out of the course folder through a link (to " + real + ")");
        }
        return relative(real);
    }

    /** The course-relative form of a real path inside the root. */
    String relative(Path real) {
        if (real.equals(root)) {
            return ".";
        }
        StringBuilder s = new StringBuilder();
        for (Path name : root.relativize(real)) {
            s.append(s.isEmpty() ? "" : "/").append(name);
        }
        return s.toString();
    }

    /** The folder of a course-relative file. */
    static String folderOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    /** {@code path} without {@code .} and empty segments and with {@code ..} applied; null when it climbs out. */
    static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String s : path.replace('\\', '/').split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.pollLast() == null) {
                    return null;
                }
            } else {
                segments.addLast(s);
            }
        }
        return segments.isEmpty() ? "." : String.join("/", segments);
    }

    private static boolean isDrive(String p) {
        return p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0))
                && (p.length() == 2 || "/\\".indexOf(p.charAt(2)) >= 0);
    }
}
