package dev.progy.sync.progress;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The SQLite store against real crashes: {@link SqliteWriterProcess} in another JVM, killed with SIGKILL. */
@DisplayName("The SQLite progress store, killed mid-write")
class SqliteProgressStoreCrashTest {

    private static final String COURSE = "@crash/test-course";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("a writer killed with SIGKILL at any moment leaves an intact database holding every commit it reported")
    void survivesKillNine() throws Exception {
        Path progy = tmp.resolve(".progy");
        long seed = Long.getLong("progy.seed", System.nanoTime());
        Random random = new Random(seed);
        int stored = 0;
        for (int round = 1; round <= 8; round++) {
            Path log = tmp.resolve("writer-" + round + ".log");
            Process writer = startWriter(progy, log);
            int reported = stored;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                int lines = 5 + random.nextInt(60);
                for (int i = 0; i < lines; i++) {
                    reported = committed(out.readLine(), log);
                }
                // a random extra moment so the kill lands anywhere: in a transaction, a commit, a WAL write
                LockSupport.parkNanos(random.nextInt(3_000_000));
                // SIGKILL through the handle: Process.destroyForcibly would also close the pipe still to be read
                writer.toHandle().destroyForcibly();
                assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(writer.exitValue()).as("the writer died of SIGKILL, still writing: %s", log(log))
                        .isEqualTo(128 + 9);
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    reported = committed(line, log);
                }
            } finally {
                writer.destroyForcibly();
            }

            String where = "round " + round + " (seed " + seed + ")";
            assertThat(integrityCheck(progy.resolve(SqliteProgressStoreProvider.FILE_NAME))).as(where)
                    .containsExactly("ok");
            try (SqliteProgressStore store = SqliteProgressStoreProvider.open(progy,
                    SqliteProgressStoreProvider.DEFAULT_BUSY_TIMEOUT)) {
                int now = store.load(COURSE).exercise(SqliteWriterProcess.COUNTER).attempts();
                assertThat(now).as("%s: every reported commit is there, and at most the one being reported more", where)
                        .isBetween(reported, reported + 1);
                stored = now;
            }
        }
        assertThat(stored).isGreaterThanOrEqualTo(8 * 5);
    }

    private static int committed(String line, Path log) {
        if (line == null || !line.startsWith("committed ")) {
            return fail("the writer said " + line + " instead of committed N: " + log(log));
        }
        return Integer.parseInt(line.substring("committed ".length()));
    }

    private static List<String> integrityCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static Process startWriter(Path progy, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        return new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SqliteWriterProcess.class.getName(),
                progy.toString(), COURSE)
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
