package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Telemetry on SQLite")
class SqliteTelemetryTest extends TelemetryContract {
    @Override
    protected String database() {
        return TestDatabases.sqlite(tmp);
    }
}
