package dev.progy.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

@DisplayName("The registry's rows on SQLite")
class SqliteRegistryStoreTest extends RegistryStoreContract {

    @TempDir
    Path tmp;

    @Override
    protected String database() {
        return TestDatabases.sqlite(tmp);
    }
}
