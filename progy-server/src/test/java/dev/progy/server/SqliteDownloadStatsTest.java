package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Download statistics on SQLite")
class SqliteDownloadStatsTest extends DownloadStatsContract {
    @Override
    protected String database() {
        return TestDatabases.sqlite(tmp);
    }
}
