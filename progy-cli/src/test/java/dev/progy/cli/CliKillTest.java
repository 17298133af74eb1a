package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a running {@code progy} — a closed laptop lid, an OOM killer, an impatient student — must
 * never cost the student their progress. The CLI runs as a real JVM re-running an exercise as fast as it can, and
 * is killed at random moments; after each kill the progress must read back whole, with every run it reported.
 */
@DisabledOnOs(OS.WINDOWS) // destroyForcibly is TerminateProcess there, not a signal; the file layer is tested alike
class CliKillTest {
    private static final int KILLS = 15;
    private static final String EXERCISE = "01_basics/01_a";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("killing progy with SIGKILL at random moments never tears the progress file nor loses a reported run")
    void killNineKeepsProgressWhole() throws Exception {
        ShellCourse.write(tmp.resolve("course"), 20, "exit 0\n", "01_a");
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init", "course", "ws").code()).isZero();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int attempts = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            String why = "kill " + kill + " of " + KILLS + " (seed " + seed + ")";
            int reported = runAndKill(random.nextInt(250), why);

            CliHarness.Result progress = cli.run("progress", "--json", "-C", "ws");
            assertThat(progress.code()).as(why + "\n" + progress).isZero();
            int now = CliJson.parse(progress.out()).at("/exercises/" + EXERCISE.replace("/", "~1") + "/attempts").asInt();
            assertThat(now).as(why + ": attempts recorded, at least those before plus every verdict printed")
                    .isGreaterThanOrEqualTo(attempts + reported);
            assertThat(readsWhole(tmp.resolve("ws/.progy"))).as(why + ": every progress file parses").isTrue();
            attempts = now;
        }

        CliHarness.Result after = cli.run("run", EXERCISE, "-C", "ws");
        assertThat(after.code()).as(after.toString()).isZero();
        // the progress store's folder only: .progy/runs/ (the last run of each exercise, a cache for hints) keeps
        // the temp files of killed writers for now
        try (Stream<Path> files = Files.list(tmp.resolve("ws/.progy"))) {
            assertThat(files.map(p -> tmp.relativize(p).toString()))
                    .as("a later write clears what killed writers left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /**
     * Starts {@code progy watch} in a JVM of its own with many {@code r} typed ahead, kills it {@code delayMs}
     * after its first verdict, and returns how many verdicts it printed.
     */
    private int runAndKill(int delayMs, String why) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "watch", EXERCISE, "--max-runs", "100000", "-C", "ws"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("NO_COLOR", "1");
        Process progy = pb.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream(); // synchronized: read while the pump writes
        Thread pump = new Thread(() -> copy(progy, printed), "progy-kill-test-output");
        pump.start();
        try {
            try (OutputStream keys = progy.getOutputStream()) {
                keys.write("r\n".repeat(5000).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it ended before reading them all: the output below says why
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (verdicts(printed) == 0 && progy.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(verdicts(printed)).as(why + ": progy ran at least once before the kill\n" + printed).isPositive();
            Thread.sleep(delayMs); // the random moment: not awaiting anything
            assertThat(progy.isAlive()).as(why + ": still running when killed\n" + printed).isTrue();
        } finally {
            progy.destroyForcibly(); // SIGKILL
            progy.waitFor(20, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(20));
        }
        return verdicts(printed);
    }

    private static void copy(Process progy, ByteArrayOutputStream to) {
        try {
            progy.getInputStream().transferTo(to);
        } catch (IOException e) {
            // the process is gone: what arrived is kept
        }
    }

    private static int verdicts(ByteArrayOutputStream printed) {
        return RunningCli.count(printed.toString(StandardCharsets.UTF_8), "✓ passed");
    }

    private static boolean readsWhole(Path stateDir) throws IOException {
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("progress-.*\\.json")).toList()) {
                JsonNode n = CliJson.parse(Files.readString(f));
                if (!n.has("exercises")) {
                    return false;
                }
            }
        }
        return true;
    }
}
