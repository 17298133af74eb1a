package dev.progy.spi;

import dev.progy.spi.support.version.VersionRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A place courses are published to and installed from, as {@code .progy} archives with versions. */
public interface Registry extends AutoCloseable {

    /** Every course's every version, sorted by name then version (oldest first). */
    List<RegistryEntry> list();

    /** The versions of one course, oldest first; empty when the registry does not know it. */
    List<RegistryEntry> versions(String name);

    /**
     * Marks {@code version} of course {@code name} yanked ({@code yanked} true) or takes the mark off: a yanked
     * version is no longer chosen for a name or a range, but stays installable by its exact number (workspaces on it
     * go on). Only a course's publishers may; the answer is the version as the registry now lists it.
     *
     * @throws dev.progy.error.ProgyException when this registry keeps no marks, or refuses (not signed in, not yours,
     *                                        no such version)
     */
    default RegistryEntry yank(String name, String version, boolean yanked) {
        throw new dev.progy.error.ProgyException("this registry keeps no yanked marks",
                "yank on a Progy server's registry (--server <url>)");
    }

    /**
     * A version of a course. {@code version} is an exact version ({@code 1.2.3}), which finds it even when it was
     * yanked, or an npm-style range ({@code ^1.2}, {@code ~1.2.3}, {@code >=1.2 <2}, {@code 1.x}, {@code *}), which
     * finds the newest matching version that is not yanked; blank means {@code *}.
     */
    default Optional<RegistryEntry> find(String name, String version) {
        return VersionRange.choose(versions(name), version, RegistryEntry::version, RegistryEntry::yanked);
    }

    /** The newest version of a course that is not yanked; {@link #find(String, String)} with {@code *}. */
    default Optional<RegistryEntry> find(String name) {
        return find(name, "");
    }

    /**
     * The courses whose name (or, where the registry keeps one, summary) holds every word of {@code words}, by name;
     * all of them when {@code words} is blank. A registry with its own search index overrides this.
     */
    default List<RegistryCourse> search(String words) {
        List<String> wanted = Arrays.stream(words.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        Map<String, List<RegistryEntry>> byName = new LinkedHashMap<>();
        for (RegistryEntry e : list()) {
            byName.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e);
        }
        List<RegistryCourse> found = new ArrayList<>();
        byName.forEach((name, versions) -> {
            if (wanted.stream().allMatch(name.toLowerCase(Locale.ROOT)::contains)) {
                Optional<String> latest = VersionRange.choose(versions, "", RegistryEntry::version, RegistryEntry::yanked)
                        .map(RegistryEntry::version);
                found.add(new RegistryCourse(name, "", latest, 0));
            }
        });
        return found;
    }

    /** Copies the archive of {@code entry} into {@code targetDir}, verifies its checksum, returns its path. */
    Path download(RegistryEntry entry, Path targetDir);

    /**
     * Publishes a {@code .progy} archive; name and version come from the course.json inside it. Publishing a
     * version that already exists is refused: published versions are immutable.
     */
    RegistryEntry publish(Path archive);

    /**
     * {@link #publish(Path)}, telling {@code listener} about each step a registry that checks what is published
     * goes through, and returning once the version is live. A registry that refuses the course after checking it
     * throws {@link dev.progy.error.PublishRejectedException} with the report. The default publishes at once and tells
     * the listener nothing, which is right for a registry that checks nothing.
     */
    default RegistryEntry publish(Path archive, PublishListener listener) {
        return publish(archive);
    }

    @Override
    default void close() { }
}
