package dev.progy.server.registry.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Archives in a folder: each key a file under it, written to a temporary file first and moved into place. */
public final class FolderArchiveStore implements ArchiveStore {

    private final Path root;

    public FolderArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        try {
            Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("an archive key names a file inside the store: " + key);
        }
        return p;
    }
}
