package dev.progy.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/** Live help on two instances of one PostgreSQL: the student on one, the viewers on the other. */
@DisplayName("Live help across two instances on PostgreSQL")
class PostgresLiveTest extends LiveContract {

    private String database;
    private ProgyServer one;
    private ProgyServer two;

    @BeforeEach
    void start() {
        database = TestDatabases.postgres();
        one = TestServers.start(database);
        two = TestServers.start(database);
    }

    @AfterEach
    void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        TestDatabases.drop(database);
    }

    @Override
    ProgyServer student() {
        return one;
    }

    @Override
    ProgyServer viewer() {
        return two;
    }
}
