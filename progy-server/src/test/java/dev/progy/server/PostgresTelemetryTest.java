package dev.progy.server;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Telemetry on PostgreSQL")
class PostgresTelemetryTest extends TelemetryContract {
    @Override
    protected String database() {
        return TestDatabases.postgres();
    }
}
