package dev.progy.server;

import dev.progy.ProgyException;
import dev.progy.server.ServerConfig.Setting;
import dev.progy.server.account.AccountRoutes;
import dev.progy.server.account.Accounts;
import dev.progy.server.account.DeviceLogin;
import dev.progy.server.account.DeviceRoutes;
import dev.progy.server.account.TokenRoutes;
import dev.progy.server.account.People;
import dev.progy.server.db.Database;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.HttpSettings;
import dev.progy.server.http.Probes;
import dev.progy.server.http.Route;
import dev.progy.server.sync.SyncRoutes;
import dev.progy.sync.hub.Quota;
import dev.progy.sync.hub.SyncHub;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The server put together: the database pool, the hub on it, each capability's routes in one route table, and the
 * HTTP server. The one place that knows every package; the capabilities meet only here.
 */
public final class ProgyServer implements AutoCloseable {

    private final Database db;
    private final SyncHub hub;
    private final Accounts accounts;
    private final HttpServer http;
    private final List<Route> routes;
    private final People people;

    private final DeviceLogin deviceLogin;

    private ProgyServer(Database db, SyncHub hub, Accounts accounts, HttpServer http, List<Route> routes,
                        DeviceLogin deviceLogin) {
        this.db = db;
        this.deviceLogin = deviceLogin;
        this.routes = List.copyOf(routes);
        this.people = new People(hub);
        this.hub = hub;
        this.accounts = accounts;
        this.http = http;
    }

    /** Opens the database, migrates it and serves. */
    public static ProgyServer start(ServerConfig config) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        Database db = Database.open(config.text(Setting.DB), config.integer(Setting.CONNECTIONS), metrics);
        SyncHub hub;
        try {
            hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(),
                    new Quota(config.number(Setting.ACCOUNT_RECORDS), config.number(Setting.ACCOUNT_BYTES)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        Accounts accounts = new Accounts(hub);
        DeviceLogin deviceLogin = new DeviceLogin(hub, Clock.systemUTC());
        List<Route> routes = routes(hub, deviceLogin, metrics, config);
        HttpSettings settings = new HttpSettings(config.text(Setting.HOST), config.integer(Setting.PORT),
                config.integer(Setting.THREADS), config.integer(Setting.UPLOADS),
                config.integer(Setting.UPLOADS_PER_ACCOUNT), config.seconds(Setting.IDLE_TIMEOUT),
                config.seconds(Setting.BODY_DEADLINE), config.number(Setting.MIN_DATA_RATE),
                config.seconds(Setting.SHUTDOWN_GRACE));
        try {
            return new ProgyServer(db, hub, accounts, HttpServer.start(routes, accounts, metrics, settings), routes,
                    deviceLogin);
        } catch (RuntimeException e) {
            hub.close();
            db.close();
            throw new ProgyException("Could not listen on " + settings.host() + ":" + settings.port() + ".",
                    "Choose another --port, or stop what uses it.", e);
        }
    }

    /** The route table: every route of every capability, each with its access declared beside its path. */
    static List<Route> routes(SyncHub hub, DeviceLogin deviceLogin, PrometheusMeterRegistry metrics,
                              ServerConfig config) {
        List<Route> all = new ArrayList<>();
        all.addAll(Probes.routes(hub::ready, metrics, openapi()));
        all.addAll(AccountRoutes.routes(hub));
        all.addAll(DeviceRoutes.routes(deviceLogin, config.text(Setting.PUBLIC_URL)));
        all.addAll(TokenRoutes.routes(hub));
        all.addAll(SyncRoutes.routes(hub, config.number(Setting.SYNC_BODY_LIMIT)));
        return all;
    }

    /** The OpenAPI 3.1 description of the routes, kept beside this class and checked against them by a test. */
    static byte[] openapi() {
        try (java.io.InputStream in = ProgyServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return http.port();
    }

    /** The route table this server serves. */
    public List<Route> routes() {
        return routes;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Device login ({@code progy login}): approving and denying the codes clients show. */
    public DeviceLogin deviceLogin() {
        return deviceLogin;
    }

    /** People who sign in with e-mail and password, roles and organisations. */
    public People people() {
        return people;
    }

    /** Stops taking requests, lets running ones finish, then closes the database. */
    @Override
    public void close() {
        try {
            http.close();
        } finally {
            hub.close();
            db.close();
        }
    }

    /** The accounts of {@code config}'s database, for the admin commands, without serving. */
    static <T> T withAccounts(ServerConfig config, java.util.function.Function<Accounts, T> work) {
        try (Database db = Database.open(config.text(Setting.DB), 1, null);
             SyncHub hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(), Quota.DEFAULT)) {
            return work.apply(new Accounts(hub));
        }
    }
}
