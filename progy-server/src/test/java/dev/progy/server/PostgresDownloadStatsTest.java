package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Download statistics on PostgreSQL")
class PostgresDownloadStatsTest extends DownloadStatsContract {
    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
