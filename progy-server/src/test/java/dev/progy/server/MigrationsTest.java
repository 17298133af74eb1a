package dev.progy.server;

import dev.progy.ProgyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("each applied migration is checksummed; a database whose migration differs from the server's is refused at start")
    void checksummed() throws Exception {
        String db = TestDatabases.sqlite(tmp);
        TestServers.start(db).close();
        try (Connection c = TestDatabases.connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hub_schema_checksum")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            s.execute("UPDATE hub_schema_checksum SET checksum = 'edited' WHERE version = 1");
        }

        assertThatThrownBy(() -> TestServers.start(db)).isInstanceOf(ProgyException.class)
                .hasMessageContaining("applied schema migration 1 in another form");
    }

    @Test
    @DisplayName("a database from before the checksums gets them recorded at start, and is ready")
    void olderDatabasesGetChecksums() throws Exception {
        String db = TestDatabases.sqlite(tmp);
        TestServers.start(db).close();
        try (Connection c = TestDatabases.connect(db); Statement s = c.createStatement()) {
            s.execute("DROP TABLE hub_schema_checksum");
        }
        try (ProgyServer server = TestServers.start(db)) {
            assertThat(RawSync.get(TestServers.url(server) + dev.progy.server.http.Probes.READY).status()).isEqualTo(200);
        }
    }
}
