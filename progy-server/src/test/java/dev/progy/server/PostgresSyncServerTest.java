package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Sync through a server on PostgreSQL")
class PostgresSyncServerTest extends SyncServerContract {
    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
