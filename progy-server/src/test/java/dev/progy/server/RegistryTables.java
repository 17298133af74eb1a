package dev.progy.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The registry's course table as the download statistics read it (name, visibility, deleted_ms):
 * made here only when the schema does not make it yet, after the server migrated, so these tests keep working
 * once the registry's migration makes it.
 */
final class RegistryTables {

    private RegistryTables() { }

    static void ensure(String database) {
        sql(database, "CREATE TABLE IF NOT EXISTS hub_course (id BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                + "scope TEXT NOT NULL, owner_id BIGINT NOT NULL, visibility TEXT NOT NULL, summary TEXT, "
                + "created_ms BIGINT NOT NULL, deleted_ms BIGINT)");
    }

    /** Adds the course {@code name} ({@code @scope/slug}), public or private, deleted or not, owned by {@code owner}. */
    static void course(String database, long id, String name, long owner, String visibility, boolean deleted) {
        try (Connection c = TestDatabases.connect(database);
             PreparedStatement p = c.prepareStatement("INSERT INTO hub_course (id, name, scope, owner_id, visibility, "
                     + "summary, created_ms, deleted_ms) VALUES (?, ?, ?, ?, ?, 'a course', 0, ?)")) {
            p.setLong(1, id);
            p.setString(2, name);
            p.setString(3, name.substring(1, name.indexOf('/')));
            p.setLong(4, owner);
            p.setString(5, visibility);
            if (deleted) {
                p.setLong(6, 1);
            } else {
                p.setNull(6, java.sql.Types.BIGINT);
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add the course " + name + ": " + e.getMessage(), e);
        }
    }

    private static void sql(String database, String sql) {
        try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
        }
    }
}
