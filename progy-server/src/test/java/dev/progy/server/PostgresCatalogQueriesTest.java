package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The registry pages' reads on PostgreSQL")
class PostgresCatalogQueriesTest extends CatalogQueriesContract {

    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
