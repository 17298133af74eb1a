package dev.progy.server.registry;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where the registry keeps its archives (and other capabilities their files): named blobs, written whole or not
 * at all. Keys are relative paths of {@code /}-separated parts of letters, digits, {@code .}, {@code _}, {@code -}
 * and {@code @}/{@code +}, never {@code .} or {@code ..}.
 *
 * <p>{@link FolderBlobStore} keeps them in a folder (the default). An S3-compatible adapter is the next step: the
 * same five operations map onto PutObject (a put is atomic there), GetObject, HeadObject, DeleteObject and
 * ListObjectsV2 with a prefix.
 */
public interface BlobStore {

    /** Stores {@code bytes} under {@code key}, replacing what was there; readers see the old or the new, never half. */
    void put(String key, byte[] bytes);

    /** The blob {@code key}, if there is one; the caller closes the stream. */
    Optional<InputStream> get(String key);

    /** Whether there is a blob {@code key}. */
    boolean exists(String key);

    /** Deletes the blob {@code key}; nothing when there is none. */
    void delete(String key);

    /** The keys that start with {@code prefix}, sorted. */
    List<String> list(String prefix);
}
