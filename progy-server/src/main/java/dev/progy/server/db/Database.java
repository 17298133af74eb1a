package dev.progy.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.progy.error.ProgyException;
import dev.progy.sync.hub.DatabaseSpec;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;

/**
 * The server's database connections: one HikariCP pool for every route, with its gauges (active, idle, pending,
 * wait time) in the server's metrics. SQLite gets one connection (it has one writer; WAL lets readers of other
 * processes in), PostgreSQL {@code connections}. The SQLite file is made readable by its owner only before it is
 * opened: it holds token hashes.
 */
public final class Database implements AutoCloseable {

    private final DatabaseSpec spec;
    private final HikariDataSource pool;
    private volatile HikariDataSource buckets;

    private Database(DatabaseSpec spec, HikariDataSource pool) {
        this.spec = spec;
        this.pool = pool;
    }

    /**
     * PostgreSQL only: as many connections again as the main pool, for the rate limits' token buckets, whose
     * commits do not wait for the write-ahead log to reach the disk ({@code synchronous_commit = off}). A bucket's last few milliseconds of
     * state lost in a database crash let a caller a few more requests; waiting for a second disk flush on every
     * request (the first is the request's own work) is what it saves.
     */
    public synchronized DataSource bucketPool() {
        if (!spec.postgres()) {
            throw new IllegalStateException("buckets are kept in memory on SQLite");
        }
        if (buckets == null) {
            HikariConfig c = new HikariConfig();
            c.setPoolName("progy-buckets");
            c.setJdbcUrl(spec.jdbcUrl());
            c.setDataSourceProperties(spec.properties());
            c.setMaximumPoolSize(pool.getMaximumPoolSize());
            c.setMinimumIdle(1);
            // a request waits this long for a bucket at most, then is answered 503 busy
            c.setConnectionTimeout(2_000);
            c.setConnectionInitSql("SET synchronous_commit = off");
            buckets = new HikariDataSource(c);
        }
        return buckets;
    }

    /** Opens a pool on {@code database} (see {@link DatabaseSpec#parse}). */
    public static Database open(String database, int connections, MeterRegistry metrics) {
        DatabaseSpec spec = DatabaseSpec.parse(database);
        spec.prepareFile();
        HikariConfig c = new HikariConfig();
        c.setPoolName("progy");
        c.setJdbcUrl(spec.jdbcUrl());
        c.setDataSourceProperties(spec.properties());
        int size = spec.postgres() ? Math.max(1, connections) : 1;
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setConnectionTimeout(10_000);
        // a server that starts before its database answers should say so at once, not on the first request
        c.setInitializationFailTimeout(1);
        if (metrics != null) {
            c.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        try {
            return new Database(spec, new HikariDataSource(c));
        } catch (RuntimeException e) {
            throw new ProgyException("Could not open the database " + spec.shown() + ".",
                    spec.postgres() ? "Check that PostgreSQL runs, and the host, port, user, password and database name."
                            : "Check that the file's folder is writable.", e);
        }
    }

    public DatabaseSpec spec() {
        return spec;
    }

    public DataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        if (buckets != null) {
            buckets.close();
        }
        pool.close();
    }
}
