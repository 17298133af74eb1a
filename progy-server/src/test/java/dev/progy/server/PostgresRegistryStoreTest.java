package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The registry's rows on PostgreSQL")
class PostgresRegistryStoreTest extends RegistryStoreContract {

    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
