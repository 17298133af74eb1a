package dev.progy.sync.hub;

import dev.progy.ProgyException;
import dev.progy.spi.support.IoFailures;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hub's database: SQLite (one file, WAL, one connection: SQLite has one writer anyway) or PostgreSQL (a few
 * connections, shared with other server instances). The schema and every statement are the same on both; only how
 * a write transaction starts differs, in {@link #inTransaction}.
 */
final class HubDatabase implements AutoCloseable {

    enum Dialect { SQLITE, POSTGRESQL }

    private final Dialect dialect;
    private final String shown;
    private final BlockingQueue<Connection> idle;
    private final int size;

    private HubDatabase(Dialect dialect, String shown, BlockingQueue<Connection> idle, int size) {
        this.dialect = dialect;
        this.shown = shown;
        this.idle = idle;
        this.size = size;
    }

    /**
     * Opens {@code spec}: {@code sqlite:/path/server.db} (or a bare path, or {@code jdbc:sqlite:…}),
     * {@code postgresql://user:password@host:port/db} (or {@code postgres://…}, or {@code jdbc:postgresql:…}).
     */
    static HubDatabase open(String spec, int connections) {
        String s = spec.trim();
        if (s.startsWith("postgresql://") || s.startsWith("postgres://") || s.startsWith("jdbc:postgresql:")) {
            Pg pg = Pg.of(s);
            return open(Dialect.POSTGRESQL, pg.url, pg.props, pg.shown, Math.max(1, connections));
        }
        String path = s.startsWith("jdbc:sqlite:") ? s.substring("jdbc:sqlite:".length())
                : s.startsWith("sqlite:") ? s.substring("sqlite:".length()) : s;
        if (path.isBlank() || s.contains("://")) {
            throw new ProgyException("The database " + spec + " is not one the server knows.",
                    "Use sqlite:/path/to/server.db or postgresql://user:password@host:5432/database.");
        }
        Path file = Path.of(path).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new ProgyException("Could not create the folder of " + file + ": " + IoFailures.describe(e),
                    "Check that the folder is writable.", e);
        }
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("busy_timeout", "10000");
        props.setProperty("foreign_keys", "true");
        return open(Dialect.SQLITE, "jdbc:sqlite:" + file, props, "sqlite:" + file, 1);
    }

    private static HubDatabase open(Dialect dialect, String url, Properties props, String shown, int size) {
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                idle.add(DriverManager.getConnection(url, props));
            }
        } catch (SQLException e) {
            idle.forEach(HubDatabase::closeQuietly);
            throw new ProgyException("Could not open the database " + shown + ": " + e.getMessage(),
                    dialect == Dialect.SQLITE ? "Check that the file's folder is writable."
                            : "Check that PostgreSQL runs, and the host, port, user, password and database name.", e);
        }
        return new HubDatabase(dialect, shown, idle, size);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The database as the user named it, without a password. */
    String shown() {
        return shown;
    }

    /** Work in one write transaction, committed at its end, rolled back on any failure. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = take();
        try {
            boolean committed = false;
            // SQLite: BEGIN IMMEDIATE takes the write lock first, so a read-modify-write never interleaves.
            // PostgreSQL: READ COMMITTED; the work takes row locks (the account row) before it reads.
            if (dialect == Dialect.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                }
            } else {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                if (dialect == Dialect.SQLITE) {
                    try (Statement s = c.createStatement()) {
                        s.execute("COMMIT");
                    }
                } else {
                    c.commit();
                }
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
                if (dialect == Dialect.POSTGRESQL) {
                    c.setAutoCommit(true);
                }
            }
        } finally {
            idle.add(c);
        }
    }

    /** Work on a connection in auto-commit mode: single reads. */
    <T> T read(Work<T> work) throws SQLException {
        Connection c = take();
        try {
            return work.run(c);
        } finally {
            idle.add(c);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Connection take() throws SQLException {
        try {
            Connection c = idle.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new SQLException("all " + size + " connections to " + shown + " stayed busy for 30 s");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            if (dialect == Dialect.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            // the failure that got us here says more; the database may have rolled back already
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            try {
                Connection c = idle.poll(10, TimeUnit.SECONDS);
                if (c != null) {
                    closeQuietly(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing: nothing is pending
        }
    }

    /** A PostgreSQL URL as JDBC wants it: credentials as properties, not in the authority. */
    private record Pg(String url, Properties props, String shown) {
        static Pg of(String spec) {
            Properties props = new Properties();
            if (spec.startsWith("jdbc:")) {
                return new Pg(spec, props, spec.replaceAll("password=[^&]*", "password=***"));
            }
            URI uri = URI.create(spec);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    props.setProperty("password", decode(userInfo.substring(colon + 1)));
                }
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String url = "jdbc:postgresql://" + host + port + uri.getRawPath() + query;
            return new Pg(url, props, "postgresql://" + (props.containsKey("user") ? props.getProperty("user") + "@" : "")
                    + host + port + uri.getRawPath());
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }
}
