package dev.progy.assets;

import dev.progy.CourseArchive;
import dev.progy.spi.support.IoFailures;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.scratch.ScratchFolders;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Optimizes the images of a course: each PNG, JPEG, GIF, BMP or TIFF it uses becomes a WebP named after its content
 * ({@code diagram.3f9a1c2b.webp}) when that saves at least {@link AssetOptions#minSaving()}, and the Markdown,
 * {@code course.json} and quizzes that name it are rewritten to name the WebP, changing those characters and no
 * other byte. An original goes only when nothing in the course names it any more. A second run over the result
 * changes nothing.
 *
 * <pre>{@code
 * OptimizationReport report = AssetOptimizer.optimize(Path.of("my-course"),
 *         AssetOptions.builder().output(Path.of("my-course-optimized")).build());
 * }</pre>
 *
 * <p>The course may be a folder or a {@code .progy} archive (repacked deterministically). Without an output it is
 * changed in place, through a staging folder and atomic moves; with one, the result appears there complete or
 * not at all. A bad image never stops the run: it is kept as it is, with a sentence in its {@link ImageResult}.
 */
public final class AssetOptimizer {

    private AssetOptimizer() { }

    /**
     * Optimizes the course folder or archive at {@code course} as {@code options} say.
     *
     * @throws ProgyException when the course is missing, the output is taken or inside the course, or the disk fails
     */
    public static OptimizationReport optimize(Path course, AssetOptions options) {
        Path source = course.toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new ProgyException("there is no course folder or .progy archive at " + course,
                    "give the path of a course folder (with course.json) or of a .progy file");
        }
        try {
            return Files.isDirectory(source) ? folder(source, options) : archive(source, options);
        } catch (IOException e) {
            throw new ProgyException("could not optimize the images of " + course + ": " + IoFailures.describe(e),
                    "check that the folder is writable and the disk has room", e);
        }
    }

    private static OptimizationReport folder(Path source, AssetOptions options) throws IOException {
        if (options.output().isEmpty()) {
            return CourseOptimization.run(source, options);
        }
        Path out = freeOutput(source, options.output().get());
        Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".tmp-");
        try {
            copyCourse(source, work);
            OptimizationReport report = CourseOptimization.run(work, options);
            Files.deleteIfExists(out); // an empty folder the user made for it
            CourseCommit.move(work, out);
            return report;
        } finally {
            ScratchFolders.delete(work);
        }
    }

    private static OptimizationReport archive(Path source, AssetOptions options) throws IOException {
        Path target = options.output().isPresent() ? freeOutput(source, options.output().get()) : source;
        Path work = Files.createTempDirectory("progy-optimize-");
        try {
            Path unpacked = work.resolve("course");
            CourseArchive.unpack(source, unpacked);
            OptimizationReport report = CourseOptimization.run(unpacked, options);
            CourseArchive.pack(unpacked, target); // deterministic, and written beside the target then moved in
            return report;
        } finally {
            ScratchFolders.delete(work);
        }
    }

    /** The output, checked: not inside the course, and not a file or a folder with something in it. */
    private static Path freeOutput(Path source, Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        if (Files.isDirectory(source) && out.startsWith(source)) {
            throw new ProgyException("the output " + output + " is inside the course it would be made from",
                    "write the optimized course somewhere outside " + source);
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ProgyException(output + " already exists and is not empty",
                            "choose a new output or remove " + output + " first");
                }
            }
        } else if (Files.exists(out) && Files.isDirectory(source)) {
            throw new ProgyException(output + " already exists", "choose a new output or remove " + output + " first");
        }
        Files.createDirectories(out.getParent());
        return out;
    }

    /** The course's files, less what an archive leaves out (build output, dependencies, Progy's own state). */
    private static void copyCourse(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && CourseArchive.EXCLUDED_NAMES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !CourseArchive.EXCLUDED_NAMES.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
