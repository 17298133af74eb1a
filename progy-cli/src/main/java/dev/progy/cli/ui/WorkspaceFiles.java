package dev.progy.cli.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The only way a page reaches a file: a path a request named, taken relative to a folder of the workspace, kept only
 * when it stays inside the workspace once normalised and once its symbolic links are followed.
 */
final class WorkspaceFiles {
    private final Path root;
    private final Path realRoot;

    WorkspaceFiles(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    Path root() {
        return root;
    }

    /**
     * The existing regular file {@code typed} names relative to {@code base} (a folder inside the workspace), or empty
     * when it is absolute, leaves the workspace (by {@code ..} or a link), is in the workspace's state folder, or is
     * not a file.
     */
    Optional<Path> file(Path base, String typed) {
        if (typed == null || typed.isBlank() || typed.indexOf('\0') >= 0 || typed.startsWith("/") || typed.startsWith("\\")
                || typed.contains(":")) {
            return Optional.empty();
        }
        Path p;
        try {
            p = base.resolve(typed).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!p.startsWith(root) || p.startsWith(root.resolve(".progy"))) {
            return Optional.empty();
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(realRoot) || real.startsWith(realRoot.resolve(".progy")) || !Files.isRegularFile(real)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A file of the workspace named by its path relative to the workspace's folder. */
    Optional<Path> file(String relative) {
        return file(root, relative);
    }

    /** The path of a workspace file as pages name it: relative to the workspace, with forward slashes. */
    String name(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Path rel = p.startsWith(root) ? root.relativize(p) : p.startsWith(realRoot) ? realRoot.relativize(p) : p;
        return rel.toString().replace('\\', '/');
    }
}
