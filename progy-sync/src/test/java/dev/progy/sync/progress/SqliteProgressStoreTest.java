package dev.progy.sync.progress;

import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProviderConfig;
import dev.progy.testkit.ProgressStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The SQLite progress store")
class SqliteProgressStoreTest extends ProgressStoreContract {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final String HELLO = "01_basics/01_hello";

    @TempDir
    Path workspace;

    private Path progy() {
        return workspace.resolve(".progy");
    }

    @Override
    protected ProgressStore store() {
        return SqliteProgressStoreProvider.at(progy());
    }

    @Override
    protected ProgressStore reopen() {
        return SqliteProgressStoreProvider.at(progy());
    }

    @Test
    @DisplayName("keeps a database at .progy/progress.db in WAL mode, at the latest schema version")
    void createsWalDatabase() throws SQLException {
        try (ProgressStore store = store()) {
            store.update("sql-basics", p -> run(p, HELLO, true, MONDAY));
        }

        assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
        assertThat(query("SELECT MAX(version) FROM schema_version")).containsExactly(String.valueOf(SqliteSchema.LATEST));
        assertThat(query("SELECT item_kind || ' ' || item_id FROM progress_record ORDER BY item_kind"))
                .containsExactly("course ", "exercise " + HELLO);
    }

    @Test
    @DisplayName("writes only the rows a change touched, each marked with the change's local sequence number")
    void marksChangedRowsForPush() throws SQLException {
        try (ProgressStore store = store()) {
            store.update("sql-basics", p -> run(p, HELLO, false, MONDAY));
            store.update("sql-basics", p -> run(p, "01_basics/02_vars", false, MONDAY));
            store.update("sql-basics", p -> p); // nothing changes, nothing is written
        }

        assertThat(query("SELECT item_id || '@' || local_seq FROM progress_record ORDER BY local_seq, item_id"))
                .containsExactly("@1", HELLO + "@1", "01_basics/02_vars@2");
        assertThat(query("SELECT local_seq || ' ' || pushed_seq || ' ' || pull_cursor FROM replica"))
                .containsExactly("2 0 0");
    }

    @Test
    @DisplayName("counts this workspace's attempts under its own device id, kept across reopening")
    void countsAttemptsUnderOneDevice() throws SQLException {
        String device;
        try (SqliteProgressStore store = SqliteProgressStoreProvider.open(progy(), Duration.ofSeconds(5))) {
            device = store.deviceId();
            store.update("sql-basics", p -> run(p, HELLO, false, MONDAY));
        }
        try (SqliteProgressStore store = SqliteProgressStoreProvider.open(progy(), Duration.ofSeconds(5))) {
            assertThat(store.deviceId()).isEqualTo(device);
            store.update("sql-basics", p -> run(p, HELLO, true, MONDAY));
        }

        assertThat(query("SELECT attempts FROM progress_record WHERE item_id = '" + HELLO + "'"))
                .containsExactly("{\"" + device + "\":2}");
    }

    @Test
    @DisplayName("takes an original progress.json over when first read, keeping the file as progress.json.migrated")
    void importsOriginalProgressJson() throws IOException {
        Files.createDirectories(progy());
        String original = """
                {"stats":{"totalXp":45,"currentStreak":2,"longestStreak":4,"lastActiveDate":"2025-02-27T22:10:00.000Z"},
                 "exercises":{"01_basics/01_hello":{"status":"pass","xpEarned":20,
                                                    "completedAt":"2025-02-26T10:00:00.000Z","attempts":3}},
                 "quizzes":{"01_basics/01_hello":{"passed":true,"score":100,"totalQuestions":4,"xpEarned":25,
                                                  "completedAt":"2025-02-27T22:10:00.000Z"}},
                 "achievements":["first-steps"]}
                """;
        Files.writeString(progy().resolve("progress.json"), original);
        ProgressStore store = store();

        CourseProgress shown = store.load("python-intro");
        CourseProgress after = store.update("python-intro", p -> run(p, HELLO, true, MONDAY));

        assertThat(shown.exercise(HELLO).attempts()).isEqualTo(3);
        assertThat(shown.stats().totalXp()).isEqualTo(45);
        assertThat(after.exercise(HELLO).attempts()).isEqualTo(4);
        assertThat(after.stats().totalXp()).as("the imported pass earns nothing twice").isEqualTo(45);
        assertThat(after.stats().longestStreak()).isEqualTo(4);
        assertThat(after.achievements()).containsExactly("first-steps");
        assertThat(Files.readString(progy().resolve("progress.json.migrated"))).isEqualTo(original);
        assertThat(progy().resolve("progress.json")).doesNotExist();
        assertThat(reopen().load("python-intro")).isEqualTo(after);
    }

    @Test
    @DisplayName("takes the file store's progress over once: a crash before the files were renamed counts nothing twice")
    void takesFileProgressOverOnce() throws IOException {
        ProgressStore files = ProviderDiscovery.using(ProviderConfig.of(Map.of("progress.dir", progy().toString(),
                "progy.progress", "file"))).progressStore();
        files.update("sql-basics", p -> run(p, HELLO, false, MONDAY));
        files.update("sql-basics", p -> run(p, HELLO, false, MONDAY.plusSeconds(60)));
        Path file = progy().resolve("progress-sql-basics.json");
        Path kept = progy().resolve("progress-sql-basics.json.migrated");

        assertThat(store().load("sql-basics").exercise(HELLO).attempts()).isEqualTo(2);
        assertThat(file).doesNotExist();
        assertThat(kept).isRegularFile();

        // as if killed after the database committed the files' records and before the files were renamed
        Files.copy(kept, file);
        assertThat(reopen().load("sql-basics").exercise(HELLO).attempts()).as("merged again, not added").isEqualTo(2);
        assertThat(file).doesNotExist();
        assertThat(reopen().update("sql-basics", p -> run(p, HELLO, true, MONDAY.plusSeconds(120)))
                .exercise(HELLO).attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("two stores over one database, as two progy commands, lose none of each other's updates")
    void twoStoresOneDatabase() throws Exception {
        ProgressStore first = store();
        ProgressStore second = reopen();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ProgressStore s : List.of(first, second)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        s.update("sql-basics", p -> run(p, HELLO, false, MONDAY));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            first.close();
            second.close();
        }

        assertThat(reopen().load("sql-basics").exercise(HELLO).attempts()).isEqualTo(200);
    }

    @Test
    @DisplayName("refuses a database written by a newer Progy, and a file that is no database, naming the file")
    void refusesWhatItCannotRead() throws SQLException, IOException {
        store().close();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
        }
        assertThatThrownBy(this::store).isInstanceOf(ProgyException.class).hasMessageContaining("newer Progy");

        Path other = workspace.resolve("other/.progy");
        Files.createDirectories(other);
        Files.writeString(other.resolve("progress.db"), "not a database, just text ".repeat(100));
        assertThatThrownBy(() -> SqliteProgressStoreProvider.at(other)).isInstanceOf(ProgyException.class)
                .hasMessageContaining(other.resolve("progress.db").toString())
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("backup"));
    }

    @Test
    @DisplayName("refuses a row with negative XP or attempts like any other damage, naming the database")
    void refusesNegativeCounts() throws SQLException {
        try (ProgressStore store = store()) {
            store.update("sql-basics", p -> run(p, HELLO, true, MONDAY));
        }
        Path db = progy().resolve("progress.db");
        for (String change : List.of("xp_earned = -20", "attempts = '{\"dev\":-3}'", "hints_revealed = -1")) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE progress_record SET xp_earned = 20, attempts = '{\"dev\":1}', hints_revealed = 0");
                s.execute("UPDATE progress_record SET " + change + " WHERE item_kind = 'exercise'");
            }
            try (ProgressStore store = store()) {
                assertThatThrownBy(() -> store.load("sql-basics")).as(change)
                        .isInstanceOf(ProgyException.class)
                        .hasMessageContaining(db.toString())
                        .hasMessageContaining("cannot be negative");
            }
        }
    }

    @Test
    @DisplayName("is found by progy.progress=sqlite, while the file store stays the default")
    void discovery() {
        String dir = progy().toString();
        ProgressStore chosen = ProviderDiscovery.using(ProviderConfig.of(Map.of("progy.progress", "sqlite",
                SqliteProgressStoreProvider.DIR_KEY, dir))).progressStore();
        ProgressStore byDefault = ProviderDiscovery.using(ProviderConfig.of(Map.of(
                SqliteProgressStoreProvider.DIR_KEY, dir))).progressStore();
        try {
            assertThat(chosen).hasToString("SQLite progress store in " + progy().resolve("progress.db"));
            assertThat(byDefault.toString()).startsWith("file progress store");
        } finally {
            chosen.close();
            byDefault.close();
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + progy().resolve("progress.db"));
    }

    static CourseProgress run(CourseProgress p, String exerciseId, boolean pass, Instant at) {
        RunResult result = new RunResult(pass ? RunResult.Status.PASS : RunResult.Status.FAIL,
                RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false, OptionalInt.of(pass ? 0 : 1),
                OptionalInt.empty(), Duration.ZERO, RunResult.Source.EXIT_CODE);
        String[] parts = exerciseId.split("/");
        Exercise exercise = new Exercise(exerciseId, parts[0], parts[1], exerciseId, Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.py", Optional.empty(), Optional.empty());
        return dev.progy.internal.progress.ProgressLedger.recordRun(p, exercise, result, at);
    }
}
