package dev.progy.sync.progress;

import dev.progy.model.CourseProgress;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The other process of {@link SqliteProgressStoreCrashTest}: a student's {@code progy} recording runs as fast as it
 * can, printing {@code committed N} after each update returns, N being the runs of the counter exercise stored.
 * Arguments: the progress folder and the course id.
 */
final class SqliteWriterProcess {

    static final String COUNTER = "00_counter/00_counter";

    private SqliteWriterProcess() { }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String courseId = args[1];
        try (SqliteProgressStore store = SqliteProgressStoreProvider.open(dir, SqliteProgressStoreProvider.DEFAULT_BUSY_TIMEOUT)) {
            for (long i = 0; ; i++) {
                String other = "01_basics/" + (i % 16);
                boolean pass = i % 3 == 0;
                CourseProgress stored = store.update(courseId, p -> SqliteProgressStoreTest.run(
                        SqliteProgressStoreTest.run(p, COUNTER, false, Instant.now()), other, pass, Instant.now()));
                System.out.println("committed " + stored.exercise(COUNTER).attempts());
                System.out.flush();
            }
        }
    }
}
