package dev.progy.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteFileTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the SQLite database and its WAL are readable by their owner only: they hold token hashes")
    void databaseFileIsPrivate() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            server.accounts().create("ada");
            for (String name : List.of("server.db", "server.db-wal", "server.db-shm")) {
                Path f = tmp.resolve(name);
                assertThat(f).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(name)
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    @DisplayName("a database file made world-readable by an older server is narrowed to its owner at start")
    void existingFileIsNarrowed() throws Exception {
        Path f = tmp.resolve("server.db");
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
    }
}
