package dev.progy.assets;

import dev.progy.spi.support.scratch.ScratchFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Optimizes the images of a course folder in place: scan (one thread), convert (a fixed pool, one decoded image
 * per worker, so memory stays bounded whatever the course holds), commit (one thread, atomic moves). New files wait
 * in a staging folder under {@code .progy/} (left out of archives, on the same disk as the course) until every
 * image is done, so a run that dies midway leaves the course as it was.
 */
final class CourseOptimization {

    private static final String STAGING_PARENT = ".progy";

    private CourseOptimization() { }

    static OptimizationReport run(Path root, AssetOptions options) throws IOException {
        CourseScan.Result scan = CourseScan.of(root);
        Optional<AvifTool> avif = options.avif() ? AvifTool.onPath(System.getenv("PATH")) : Optional.empty();
        Path stagingParent = root.resolve(STAGING_PARENT);
        boolean createdParent = !Files.exists(stagingParent);
        Files.createDirectories(stagingParent);
        Path staging = Files.createTempDirectory(stagingParent, "optimize-");
        try {
            List<ImageConversion.Conversion> conversions = convertAll(root, new ArrayList<>(scan.images()), staging,
                    options, avif);
            CourseCommit.Changes changes = CourseCommit.apply(root, staging, conversions, scan.references());
            List<ImageResult> results = conversions.stream().map(c -> result(c, changes)).toList();
            List<String> notes = new ArrayList<>(scan.notes());
            if (options.avif() && avif.isEmpty()) {
                notes.add("AVIF was asked for but avifenc is not on the PATH (Debian: apt-get install libavif-bin); "
                        + "only WebP was written");
            }
            return new OptimizationReport(results, changes.rewritten(), changes.removed(), notes, options.workers());
        } finally {
            ScratchFolders.delete(staging);
            if (createdParent) {
                Files.deleteIfExists(stagingParent);
            }
        }
    }

    private static List<ImageConversion.Conversion> convertAll(Path root, List<String> images, Path staging,
                                                               AssetOptions options, Optional<AvifTool> avif)
            throws IOException {
        options.listener().started(images.size());
        int workers = Math.min(options.workers(), Math.max(1, images.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<ImageConversion.Conversion>> futures = new ArrayList<>();
            for (String image : images) {
                futures.add(pool.submit(() -> {
                    ImageConversion.Conversion c = ImageConversion.convert(root, image, staging, options, avif);
                    options.listener().imageDone(result(c, null), done.incrementAndGet(), images.size());
                    return c;
                }));
            }
            List<ImageConversion.Conversion> out = new ArrayList<>();
            for (Future<ImageConversion.Conversion> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting images", e);
        } catch (ExecutionException e) {
            throw new IOException("a worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "progy-assets-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The public result of a conversion; {@code changes} (null while the run is going) adds what the commit did. */
    static ImageResult result(ImageConversion.Conversion c, CourseCommit.Changes changes) {
        List<String> notes = new ArrayList<>(c.notes());
        if (changes != null && changes.keptFor().containsKey(c.image())) {
            notes.add("the original stays too: " + changes.keptFor().get(c.image()) + " still names it");
        }
        long after = c.webp().isPresent() ? c.webpBytes() : c.bytesBefore();
        return new ImageResult(c.image(), c.outcome(), c.bytesBefore(), after, c.webp(), c.avif(), c.encoding(),
                c.keptReason(), notes);
    }
}
