package dev.progy.server.registry;

import dev.progy.error.ProgyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under one folder: a put writes a temporary file beside its target, forces it to disk and moves it
 * into place atomically, so a crash leaves the old blob or the new one, and a reader never sees half of one.
 * Temporary files ({@code .tmp-…}) a crash left behind are never listed.
 */
public final class FolderBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9@+._-]+(/[A-Za-z0-9@+._-]+)*");
    private static final String TEMP = ".tmp-";

    private final Path root;

    /** Blobs under {@code root}, made when the first blob is written. */
    public FolderBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), TEMP, "");
            try {
                try (var out = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    out.force(true);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ProgyException("Could not write " + key + " to the blob folder " + root + ".",
                    "Check that the disk has room and the folder is writable.", e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String key = root.relativize(f).toString().replace('\\', '/');
                if (key.startsWith(prefix) && !f.getFileName().toString().startsWith(TEMP)) {
                    out.add(key);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..") || key.startsWith(".") || key.contains("/.")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return root.resolve(key);
    }
}
