package dev.progy.guard.scripts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shipped lists of base images to warn about, next to this class so they are easy to update without touching
 * code: {@code eol-images.tsv}, images past their end of life (PG-D007), and {@code vulnerable-images.tsv}, tags
 * with a known, published vulnerability (PG-D008); and the lookup of a {@code FROM} image in them.
 */
final class EndOfLifeImages {

    private record Entry(String image, String tagPrefix, String why) { }

    private static final List<Entry> END_OF_LIFE = load("eol-images.tsv");
    private static final List<Entry> VULNERABLE = load("vulnerable-images.tsv");

    private EndOfLifeImages() { }

    /** Why {@code image} (as written after FROM) is past its end of life, if it is on the list. */
    static Optional<String> why(String image) {
        return lookup(END_OF_LIFE, image);
    }

    /** The known vulnerability of {@code image} (as written after FROM), if its tag is on the list. */
    static Optional<String> vulnerability(String image) {
        return lookup(VULNERABLE, image);
    }

    private static Optional<String> lookup(List<Entry> entries, String image) {
        String ref = image.toLowerCase(Locale.ROOT);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String tag = colon > slash ? ref.substring(colon + 1) : "latest";
        String path = colon > slash ? ref.substring(0, colon) : ref;
        // docker.io/library/python and library/python are python; other registries' images are their own
        String name = path.replaceFirst("^(docker\\.io/|index\\.docker\\.io/)?(library/)?", "");
        for (Entry e : entries) {
            if (e.image().equals(name) && (e.tagPrefix().isEmpty() || tag.equals(e.tagPrefix())
                    || tag.startsWith(e.tagPrefix()) && "._-".indexOf(tag.charAt(e.tagPrefix().length())) >= 0)) {
                return Optional.of(e.why());
            }
        }
        return Optional.empty();
    }

    private static List<Entry> load(String name) {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = EndOfLifeImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from progy-guard's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", 3);
                if (cells.length == 3) {
                    out.add(new Entry(cells[0].trim().toLowerCase(Locale.ROOT), cells[1].trim().toLowerCase(Locale.ROOT),
                            cells[2].trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
