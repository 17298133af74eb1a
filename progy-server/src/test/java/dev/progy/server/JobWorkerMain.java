package dev.progy.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A server in its own process for {@link JobKillTest}, with one more job kind, {@code test.marked}: it writes
 * {@code start <pid> <attempt>} to the marker file, works for the milliseconds its payload says, then writes
 * {@code end <pid> <attempt>}. Arguments: database, marker file, job lease in seconds.
 */
public final class JobWorkerMain {

    private JobWorkerMain() { }

    public static void main(String[] args) throws InterruptedException {
        ProgyServer server = ProgyServer.start(ServerConfig.load(Map.of("db", args[0], "host", "127.0.0.1",
                "port", "0", "job-lease", args[2]), Map.of()));
        Path marker = Path.of(args[1]);
        long pid = ProcessHandle.current().pid();
        server.jobs().register("test.marked", 5, java.time.Duration.ofMillis(100), job -> {
            mark(marker, "start " + pid + " " + job.attempt());
            Thread.sleep(Long.parseLong(job.payload()));
            mark(marker, "end " + pid + " " + job.attempt());
        });
        System.out.println("listening on http://127.0.0.1:" + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void mark(Path marker, String line) {
        try {
            Files.writeString(marker, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
