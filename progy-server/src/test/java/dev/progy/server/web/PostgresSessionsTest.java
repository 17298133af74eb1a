package dev.progy.server.web;

import dev.progy.server.TestDatabasesAccess;

import java.nio.file.Path;

/** {@link SessionsTest} on PostgreSQL, where several instances share the sessions. */
class PostgresSessionsTest extends SessionsTest {

    private String database;

    @Override
    String database(Path tmp) {
        database = TestDatabasesAccess.postgres();
        return database;
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            TestDatabasesAccess.drop(database);
        }
    }
}
