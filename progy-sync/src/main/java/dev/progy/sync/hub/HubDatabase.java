package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hub's database: SQLite (one file, WAL, one connection: SQLite has one writer anyway) or PostgreSQL (a few
 * connections, shared with other server instances). The schema and every statement are the same on both; only how
 * a write transaction starts differs, in {@link #inTransaction}.
 *
 * <p>Connections come from a pool the server owns ({@link #pooled}) or, for tools and tests, from a few this class
 * opens itself ({@link #open}).
 */
final class HubDatabase implements AutoCloseable {

    enum Dialect { SQLITE, POSTGRESQL }

    /** Where connections come from, and go back to. */
    private interface Source {
        Connection take() throws SQLException;

        void give(Connection c);

        void close();
    }

    private final Dialect dialect;
    private final String shown;
    private final Source source;

    private HubDatabase(Dialect dialect, String shown, Source source) {
        this.dialect = dialect;
        this.shown = shown;
        this.source = source;
    }

    /** Opens {@code spec} (see {@link DatabaseSpec#parse}) with connections of its own. */
    static HubDatabase open(String spec, int connections) {
        DatabaseSpec db = DatabaseSpec.parse(spec);
        db.prepareFile();
        Dialect dialect = db.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE;
        int size = db.postgres() ? Math.max(1, connections) : 1;
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                idle.add(DriverManager.getConnection(db.jdbcUrl(), db.properties()));
            }
        } catch (SQLException e) {
            idle.forEach(HubDatabase::closeQuietly);
            throw new ProgyException("Could not open the database " + db.shown() + ": " + e.getMessage(),
                    dialect == Dialect.SQLITE ? "Check that the file's folder is writable."
                            : "Check that PostgreSQL runs, and the host, port, user, password and database name.", e);
        }
        return new HubDatabase(dialect, db.shown(), new Fixed(idle, size, db.shown()));
    }

    /** The database of {@code spec}, on connections from {@code pool}, which its owner closes. */
    static HubDatabase pooled(DataSource pool, DatabaseSpec spec) {
        return new HubDatabase(spec.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE, spec.shown(), new Source() {
            @Override
            public Connection take() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void give(Connection c) {
                closeQuietly(c);
            }

            @Override
            public void close() {
                // the pool is its owner's
            }
        });
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
        Connection c = source.take();
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
            source.give(c);
        }
    }

    /**
     * {@link #inTransaction} for a store: a database failure becomes a {@link ProgyException} that says it could not
     * {@code what} the database and what to check.
     */
    <T> T writing(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw SyncHub.failure(this, what, e);
        }
    }

    /**
     * One write statement in auto-commit mode: atomic by itself, and one round trip to PostgreSQL instead of a
     * transaction's begin, statement and commit. Its failures are said as {@link #writing} says them.
     */
    <T> T writingOne(String what, Work<T> work) {
        return reading(what, work);
    }

    /** {@link #read} for a store, its failures said as {@link #writing} says them. */
    <T> T reading(String what, Work<T> work) {
        try {
            return read(work);
        } catch (SQLException e) {
            throw SyncHub.failure(this, what, e);
        }
    }

    /** Work on a connection in auto-commit mode: single reads. */
    <T> T read(Work<T> work) throws SQLException {
        Connection c = source.take();
        try {
            return work.run(c);
        } finally {
            source.give(c);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
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
        source.close();
    }

    /** A fixed set of connections, opened once. */
    private record Fixed(BlockingQueue<Connection> idle, int size, String shown) implements Source {
        @Override
        public Connection take() throws SQLException {
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

        @Override
        public void give(Connection c) {
            idle.add(c);
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
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing: nothing is pending
        }
    }
}
