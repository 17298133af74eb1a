package dev.progy.internal.registry;

import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.spi.support.version.SemanticVersion;

import dev.progy.model.ArchiveLimits;
import dev.progy.spi.support.IoFailures;
import dev.progy.internal.archive.ArchiveDigest;
import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.internal.archive.ArchiveInspection;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A registry in a plain folder, for a classroom share, a USB stick or tests:
 * {@code <dir>/<name>/<version>.progy}, each with a {@code <version>.progy.sha256} beside it in
 * {@code sha256sum} format, so {@code sha256sum -c} checks the folder by hand too. Scoped names live in
 * {@code @scope+slug} folders. Only archives that unpacking would accept are published, and a published
 * version is never replaced.
 */
final class DirectoryRegistry implements Registry {

    private static final String ARCHIVE = ".progy";
    private static final String CHECKSUM = ".progy.sha256";

    private final Path root;

    DirectoryRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<RegistryEntry> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Map<String, List<RegistryEntry>> byName = new TreeMap<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                CourseName.fromFolder(folder.getFileName().toString())
                        .ifPresent(name -> byName.put(name, versions(name)));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        return byName.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public List<RegistryEntry> versions(String name) {
        if (!CourseName.valid(name)) {
            return List.of();
        }
        Path folder = root.resolve(CourseName.folder(name));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Stored> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + ARCHIVE)) {
            for (Path file : files) {
                String base = file.getFileName().toString();
                SemanticVersion.parse(base.substring(0, base.length() - ARCHIVE.length()))
                        .ifPresent(v -> found.add(new Stored(v, file)));
            }
            found.sort(Comparator.comparing(Stored::version));
            List<RegistryEntry> entries = new ArrayList<>(found.size());
            for (Stored s : found) {
                entries.add(new RegistryEntry(name, s.version.text(), recordedChecksum(s.file), Files.size(s.file)));
            }
            return entries;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public Path download(RegistryEntry entry, Path targetDir) {
        Path archive = CourseName.valid(entry.name())
                ? root.resolve(CourseName.folder(entry.name())).resolve(entry.version() + ARCHIVE) : null;
        if (archive == null || SemanticVersion.parse(entry.version()).isEmpty() || !Files.isRegularFile(archive)) {
            throw new NotFoundException("the registry in " + root + " has no " + entry.name() + "@" + entry.version(),
                    "check the name and the version against what the registry lists");
        }
        try {
            String recorded = recordedChecksum(archive);
            if (!entry.sha256().isEmpty() && !entry.sha256().equalsIgnoreCase(recorded)) {
                throw new ProgyException(entry.name() + "@" + entry.version() + " in " + root
                        + " is not the archive that was listed (its checksum changed)",
                        "published versions never change: the registry folder was edited by hand; ask its owner");
            }
            Files.createDirectories(targetDir);
            Path temp = Files.createTempFile(targetDir, ".download-", ".tmp");
            try {
                Files.copy(archive, temp, StandardCopyOption.REPLACE_EXISTING);
                String actual = ArchiveDigest.sha256(temp);
                if (!actual.equals(recorded)) {
                    throw new ProgyException("the archive of " + entry.name() + "@" + entry.version() + " in " + root
                            + " fails its checksum (recorded " + recorded + ", found " + actual + ")",
                            "the registry copy is damaged; ask its owner to restore it");
                }
                Path target = targetDir.resolve(CourseName.folder(entry.name()) + "-" + entry.version() + ARCHIVE);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ProgyException("could not download " + entry.name() + "@" + entry.version() + " into "
                    + targetDir + ": " + IoFailures.describe(e), "check that the folder is writable", e);
        }
    }

    @Override
    public RegistryEntry publish(Path archive) {
        String label = String.valueOf(archive.getFileName());
        CourseMetadata course = CourseMetadata.read(ArchiveInspection.courseJson(archive, ArchiveLimits.DEFAULT), label);
        String name = course.name();
        String version = course.version().text();
        Optional<RegistryEntry> clash = versions(name).stream()
                .filter(e -> SemanticVersion.parse(e.version()).orElseThrow().samePrecedence(course.version()))
                .findFirst();
        if (clash.isPresent()) {
            throw alreadyPublished(name, version, clash.get().version());
        }
        Path folder = root.resolve(CourseName.folder(name));
        Path target = folder.resolve(version + ARCHIVE);
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".publish-", ".tmp");
            try {
                Files.copy(archive, temp, StandardCopyOption.REPLACE_EXISTING);
                String sha = ArchiveDigest.sha256(temp);
                long size = Files.size(temp);
                // no REPLACE_EXISTING: a version published meanwhile by someone else is not overwritten; the
                // checksum follows the archive, and until it is written readers compute it from the archive
                Files.move(temp, target);
                writeAtomically(folder.resolve(version + CHECKSUM), sha + "  " + version + ARCHIVE + "\n");
                return new RegistryEntry(name, version, sha, size);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw alreadyPublished(name, version, version);
        } catch (IOException e) {
            throw new ProgyException("could not publish " + label + " to " + root + ": " + IoFailures.describe(e),
                    "check that the registry folder is writable", e);
        }
    }

    /** The checksum written at publication; computed when a file was dropped into the folder by hand. */
    private static String recordedChecksum(Path archive) throws IOException {
        Path sidecar = archive.resolveSibling(archive.getFileName() + ".sha256");
        if (Files.isRegularFile(sidecar)) {
            String text = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
            if (text.length() >= 64 && text.substring(0, 64).matches("[0-9a-fA-F]{64}")) {
                return text.substring(0, 64).toLowerCase(Locale.ROOT);
            }
        }
        return ArchiveDigest.sha256(archive);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.write(file, text, AtomicFiles.Durability.CONSISTENT);
    }

    private static ProgyException alreadyPublished(String name, String version, String existing) {
        return new ProgyException(name + "@" + version + " is already published"
                + (existing.equals(version) ? "" : " (as " + existing + ")") + "; published versions never change",
                "raise the version in course.json and publish again");
    }

    private ProgyException unreadable(IOException e) {
        return new ProgyException("could not read the registry folder " + root + ": " + e.getMessage(),
                "check that the folder exists and is readable", e);
    }

    private record Stored(SemanticVersion version, Path file) { }
}
