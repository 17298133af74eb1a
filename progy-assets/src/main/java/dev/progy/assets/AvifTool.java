package dev.progy.assets;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code avifenc} (Debian's libavif-bin), found on the PATH: no AVIF encoder runs inside a JVM from Maven Central.
 * It runs at a fast speed setting with one thread, since the pipeline already runs one encoder per core.
 */
final class AvifTool {

    /** avifenc's speed, 0 (slowest, smallest) to 10; 8 keeps AVIF within a few times WebP's encode time. */
    static final int SPEED = 8;
    private static final long TIMEOUT_SECONDS = 300;

    private final Path executable;

    private AvifTool(Path executable) {
        this.executable = executable;
    }

    /** avifenc from the directories of {@code path} (a PATH value), when one holds it. */
    static Optional<AvifTool> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "avifenc");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new AvifTool(candidate));
            }
        }
        return Optional.empty();
    }

    /** Encodes {@code input} (a PNG or JPEG, named by its kind) to {@code output}; throws with avifenc's words on failure. */
    void encode(Path input, Path output) throws IOException {
        Process p = new ProcessBuilder(List.of(executable.toString(), "--speed", String.valueOf(SPEED), "--jobs", "1",
                "--", input.toString(), output.toString())).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] said = p.getInputStream().readNBytes(4096);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("avifenc took longer than " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while avifenc ran", e);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(output)) {
            String text = new String(said, StandardCharsets.UTF_8).strip();
            throw new IOException("avifenc failed (exit " + p.exitValue() + ")"
                    + (text.isEmpty() ? "" : ": " + text.lines().reduce((a, b) -> b).orElse("")));
        }
    }
}
