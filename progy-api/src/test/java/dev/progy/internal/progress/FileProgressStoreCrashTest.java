package dev.progy.internal.progress;

import dev.progy.spi.ProgressStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The file store against real crashes and real concurrent processes: {@link ProgressWriterProcess} in other JVMs. */
@DisplayName("The file progress store, across processes")
class FileProgressStoreCrashTest {

    private static final String COURSE = "@crash/test-course";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a writer killed with SIGKILL at any moment leaves valid progress with every update seen saved")
    void survivesKillNine() throws Exception {
        Path progy = tmp.resolve(".progy");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int lastSeen = 0;
        for (int round = 1; round <= 20; round++) {
            Path log = tmp.resolve("writer-" + round + ".log");
            Process writer = startWriter(progy, "forever", null, log);
            try {
                lastSeen = awaitCounterAtLeast(progy, lastSeen + 3 + random.nextInt(30), writer, log);
                // a random extra moment so the kill lands anywhere in a write: temp file, fsync, rename
                LockSupport.parkNanos(random.nextInt(3_000_000));
                writer.destroyForcibly();
                assertThat(writer.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                writer.destroyForcibly();
            }
            int afterKill = ProgressWriterProcess.counter(new FileProgressStore(progy).load(COURSE));
            assertThat(afterKill).as("round %d (seed %d)", round, seed).isGreaterThanOrEqualTo(lastSeen);
            lastSeen = afterKill;
        }

        ProgressStore fresh = new FileProgressStore(progy);
        int finalCount = ProgressWriterProcess.counter(
                fresh.update(COURSE, p -> ProgressLedger.recordHint(p, "01_basics/0", 1)));
        assertThat(finalCount).isEqualTo(lastSeen);
        try (Stream<Path> files = Files.list(progy)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("temp files of killed writers are cleared by the next update")
                    .containsExactlyInAnyOrder(FileProgressStore.fileName(COURSE),
                            FileProgressStore.fileName(COURSE) + ".lock", FileProgressStore.fileName(COURSE) + ".bak");
        }
    }

    @Test
    @DisplayName("two processes updating the same course at the same time lose none of each other's updates")
    void twoProcessesLoseNothing() throws Exception {
        Path progy = tmp.resolve(".progy");
        Path go = tmp.resolve("go");
        int each = 150;
        List<Process> writers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process writer = startWriter(progy, String.valueOf(each), go, tmp.resolve("writer-" + i + ".log"));
                writers.add(writer);
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("ready");
            }
            Files.createFile(go);
            for (int i = 0; i < writers.size(); i++) {
                Process writer = writers.get(i);
                assertThat(writer.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("writer %d finished", i).isTrue();
                assertThat(writer.exitValue()).as(log(tmp.resolve("writer-" + i + ".log"))).isZero();
            }
        } finally {
            writers.forEach(Process::destroyForcibly);
        }

        assertThat(ProgressWriterProcess.counter(new FileProgressStore(progy).load(COURSE))).isEqualTo(2 * each);
    }

    /** Polls until the stored counter reaches {@code target}; returns the last value seen. */
    private static int awaitCounterAtLeast(Path progy, int target, Process writer, Path log) throws IOException {
        Instant deadline = Instant.now().plus(DEADLINE);
        Path file = progy.resolve(FileProgressStore.fileName(COURSE));
        while (Instant.now().isBefore(deadline)) {
            if (!writer.isAlive()) {
                fail("the writer process died: " + log(log));
            }
            if (Files.exists(file)) {
                int seen = ProgressWriterProcess.counter(new FileProgressStore(progy).load(COURSE));
                if (seen >= target) {
                    return seen;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return fail("the counter did not reach " + target + " within " + DEADLINE + ": " + log(log));
    }

    private static Process startWriter(Path progy, String updates, Path go, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ProgressWriterProcess.class.getName(), progy.toString(), COURSE, updates));
        if (go != null) {
            command.add(go.toString());
        }
        return new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
    }

    private static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
