package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Sync through a server on SQLite")
class SqliteSyncServerTest extends SyncServerContract {
    @Override
    protected String database() {
        return TestDatabases.sqlite(tmp);
    }
}
