package dev.progy.server.tutor;

import dev.progy.server.registry.Registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An exercise's solution files from the registry's published archive of its course: the files under
 * {@code <module>/<exercise>/solution/} or named {@code solution.*} beside the exercise (the course format), where the
 * module and exercise folders match the exercise id's two parts, with or without their number prefix. A few
 * archives' answers are kept in memory (an archive never changes under its digest-named key).
 */
public final class RegistrySolutions implements SolutionSource {

    private static final int MOST_BYTES = 256 * 1024;
    private static final int CACHED = 256;

    private final Registry registry;
    private final Map<String, Map<String, String>> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                    return size() > CACHED;
                }
            });

    public RegistrySolutions(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, String> solution(String course, String version, String exercise) {
        String key = course + " " + version + " " + exercise;
        Map<String, String> had = cache.get(key);
        if (had != null) {
            return had;
        }
        Optional<InputStream> archive = registry.liveArchive(course, version);
        Map<String, String> found = archive.map(in -> read(in, exercise)).orElse(Map.of());
        cache.put(key, found);
        return found;
    }

    /** The solution files of {@code exercise} in the zip {@code archive} (closed here). */
    public static Map<String, String> read(InputStream archive, String exercise) {
        String[] id = exercise.split("/");
        if (id.length < 2) {
            return Map.of();
        }
        String module = bare(id[id.length - 2]);
        String name = bare(id[id.length - 1]);
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                String[] parts = e.getName().split("/");
                for (int i = 0; i + 2 < parts.length; i++) {
                    if (bare(parts[i]).equals(module) && bare(parts[i + 1]).equals(name)
                            && (parts[i + 2].equals("solution") && i + 3 < parts.length
                            || i + 3 == parts.length && parts[i + 2].toLowerCase(Locale.ROOT).startsWith("solution."))) {
                        files.put(parts[parts.length - 1], new String(zip.readNBytes(MOST_BYTES),
                                StandardCharsets.UTF_8));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        } finally {
            try {
                archive.close();
            } catch (IOException e) {
                // read already
            }
        }
        return Map.copyOf(files);
    }

    /** A folder's name without its order prefix: {@code 01_hello} and {@code 01-hello} are {@code hello}. */
    private static String bare(String folder) {
        return folder.replaceFirst("^\\d+[_-]", "").toLowerCase(Locale.ROOT);
    }
}
