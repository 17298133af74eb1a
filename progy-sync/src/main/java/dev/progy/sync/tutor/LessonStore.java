package dev.progy.sync.tutor;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The lessons a workspace received, kept in {@code .progy/tutor/lessons/<id>.json} (each written atomically) to be
 * read again offline with {@code progy tutor --past}.
 */
public final class LessonStore {

    private final Path dir;

    private LessonStore(Path dir) {
        this.dir = dir;
    }

    /** The lessons kept in the workspace state folder {@code stateDir} ({@code .progy}). */
    public static LessonStore in(Path stateDir) {
        return new LessonStore(stateDir.resolve("tutor").resolve("lessons"));
    }

    /** Keeps {@code lesson}, replacing an earlier copy of it. */
    public void save(Lesson lesson) {
        try {
            AtomicFiles.write(file(lesson.id()), JsonTrees.print(lesson.json()), AtomicFiles.Durability.CONSISTENT);
        } catch (IOException e) {
            throw new ProgyException("Could not keep the lesson in " + dir + ".",
                    "Check that the workspace's .progy folder is writable and the disk is not full.", e);
        }
    }

    /** The lesson kept under {@code id}, if any. */
    public Optional<Lesson> find(String id) {
        Path f = file(id);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Lesson.parse(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The lessons kept for {@code exercise} (every one when it is empty), newest first. */
    public List<Lesson> list(String exercise) {
        List<Lesson> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    Lesson l = Lesson.parse(Files.readString(f, StandardCharsets.UTF_8));
                    if (exercise.isEmpty() || l.exercise().equals(exercise)) {
                        all.add(l);
                    }
                } catch (IOException | RuntimeException e) {
                    // a damaged copy is left out
                }
            }
        } catch (IOException e) {
            return all;
        }
        all.sort(Comparator.comparing((Lesson l) -> l.createdAt().orElse(Instant.EPOCH)).reversed()
                .thenComparing(Lesson::id));
        return all;
    }

    private Path file(String id) {
        return dir.resolve(FileNames.of(id) + ".json");
    }
}
