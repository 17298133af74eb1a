package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Request defences, on PostgreSQL")
class PostgresRequestDefencesTest extends RequestDefencesTest {
    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
