package dev.progy.server;

import dev.progy.error.ProgyException;
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
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), (SELECT MAX(version) FROM hub_schema_version) "
                    + "FROM hub_schema_checksum")) {
                rs.next();
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(7);
                assertThat(rs.getInt(1)).as("one checksum per migration").isEqualTo(rs.getInt(2));
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

    @Test
    @DisplayName("a token an operator made on a version-1 database keeps working after the upgrade, with the scope sync")
    void versionOneTokensKeepWorking() throws Exception {
        String db = TestDatabases.sqlite(tmp);
        String token = "progy_" + "B".repeat(43);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (Connection c = TestDatabases.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE hub_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
            s.execute("CREATE TABLE hub_account (id BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    + "token_hash TEXT NOT NULL UNIQUE, last_seq BIGINT NOT NULL, created_at TEXT NOT NULL)");
            s.execute("CREATE TABLE hub_record (account_id BIGINT NOT NULL REFERENCES hub_account (id), course_id TEXT "
                    + "NOT NULL, item_kind TEXT NOT NULL, item_id TEXT NOT NULL, seq BIGINT NOT NULL, body TEXT NOT NULL, "
                    + "PRIMARY KEY (account_id, course_id, item_id, item_kind))");
            s.execute("CREATE UNIQUE INDEX hub_record_seq ON hub_record (account_id, seq)");
            s.execute("CREATE TABLE hub_push (account_id BIGINT NOT NULL REFERENCES hub_account (id), idempotency_key "
                    + "TEXT NOT NULL, push_hash TEXT NOT NULL, stored INTEGER NOT NULL, created_ms BIGINT NOT NULL, "
                    + "PRIMARY KEY (account_id, idempotency_key))");
            s.execute("INSERT INTO hub_schema_version VALUES (1, '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO hub_account VALUES (7, 'ada', '" + hash + "', 0, '2026-01-01T00:00:00Z')");
        }
        try (ProgyServer server = TestServers.start(db)) {
            assertThat(server.accounts().bearer(token)).hasValueSatisfying(c -> {
                assertThat(c.name()).isEqualTo("ada");
                assertThat(c.scopes()).containsExactly("sync");
            });
            assertThat(RawSync.post(TestServers.url(server), token, RawSync.pullBody()).status()).isEqualTo(200);
        }
    }
}
