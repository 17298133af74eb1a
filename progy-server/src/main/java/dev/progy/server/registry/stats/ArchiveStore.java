package dev.progy.server.registry.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where archived download events go: named files, written whole. The registry's blob store is one (bridged when the
 * registry and the statistics meet); {@link FolderArchiveStore} keeps them in a folder.
 */
public interface ArchiveStore {

    /** Stores the file {@code content} as {@code key} (e.g. {@code downloads/2026/11/2026-11-05.csv.gz}), whole or not at all. */
    void put(String key, Path content) throws IOException;

    /** The file stored as {@code key}, if any; the caller closes it. */
    Optional<InputStream> get(String key) throws IOException;
}
