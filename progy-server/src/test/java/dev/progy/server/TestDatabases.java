package dev.progy.server;

import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * The databases a hub is tested on: a SQLite file, or a fresh database on the PostgreSQL named by
 * {@code PROGY_TEST_POSTGRES_URL} (see scripts/postgres.sh). Without it, PostgreSQL tests skip with the reason,
 * except when {@code PROGY_REQUIRE_POSTGRES=1}, where they fail.
 */
final class TestDatabases {

    private TestDatabases() { }

    static String sqlite(Path dir) {
        return "sqlite:" + dir.resolve("server.db");
    }

    /** A new, empty database on the test PostgreSQL, as a {@code postgresql://} URL; dropped by {@link #drop}. */
    static String postgres() {
        String url = System.getenv("PROGY_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why = "PROGY_TEST_POSTGRES_URL is not set: no PostgreSQL to test on";
            if ("1".equals(System.getenv("PROGY_REQUIRE_POSTGRES"))) {
                fail(why + " (PROGY_REQUIRE_POSTGRES=1: run scripts/postgres.sh up and source /tmp/progy-postgres/env)");
            }
            Assumptions.abort(why);
        }
        String name = "progy_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(url, "CREATE DATABASE " + name);
        URI base = URI.create(url);
        return base.getScheme() + "://" + base.getRawUserInfo() + "@" + base.getHost()
                + (base.getPort() < 0 ? "" : ":" + base.getPort()) + "/" + name;
    }

    static void drop(String database) {
        if (database != null && database.startsWith("postgresql://")) {
            String name = database.substring(database.lastIndexOf('/') + 1);
            // cleanup, not behaviour: a session the server's pool is still closing may hold the database a moment
            for (int attempt = 1; ; attempt++) {
                try {
                    admin(System.getenv("PROGY_TEST_POSTGRES_URL"), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    return;
                } catch (IllegalStateException e) {
                    if (attempt == 10) {
                        System.err.println("warning: test database " + name + " left behind: " + e.getMessage());
                        return;
                    }
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** A JDBC connection to a {@code postgresql://} URL or a {@code sqlite:} file, for checks. */
    static Connection connect(String database) throws SQLException {
        if (database.startsWith("sqlite:")) {
            return DriverManager.getConnection("jdbc:" + database);
        }
        URI uri = URI.create(database);
        String[] user = uri.getUserInfo().split(":", 2);
        Properties props = new Properties();
        props.setProperty("user", user[0]);
        props.setProperty("password", user.length > 1 ? user[1] : "");
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), props);
    }

    private static void admin(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL at " + url + " refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
