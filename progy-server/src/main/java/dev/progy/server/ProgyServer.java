package dev.progy.server;

import dev.progy.error.ProgyException;
import dev.progy.server.ServerConfig.Setting;
import dev.progy.server.account.AccountPages;
import dev.progy.server.analytics.AnalyticsPages;
import dev.progy.server.analytics.TelemetryRollUp;
import dev.progy.server.analytics.TelemetryRoutes;
import dev.progy.server.account.AccountRoutes;
import dev.progy.server.account.AdminPages;
import dev.progy.server.account.OrgPages;
import dev.progy.server.account.SignUp;
import dev.progy.server.account.TokenPages;
import dev.progy.server.account.Accounts;
import dev.progy.server.account.DeviceLogin;
import dev.progy.server.account.DevicePages;
import dev.progy.server.account.DeviceRoutes;
import dev.progy.server.account.TokenRoutes;
import dev.progy.server.account.People;
import dev.progy.server.db.Database;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.HttpSettings;
import dev.progy.server.http.Probes;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.RateLimit;
import dev.progy.server.http.RateLimits;
import dev.progy.server.http.TokenBuckets;
import dev.progy.server.jobs.JobPages;
import dev.progy.server.jobs.JobRoutes;
import dev.progy.server.jobs.JobSettings;
import dev.progy.server.jobs.Jobs;
import dev.progy.server.live.Live;
import dev.progy.server.live.LiveRoutes;
import dev.progy.server.live.LiveSettings;
import dev.progy.server.registry.CatalogPages;
import dev.progy.server.registry.DownloadCounter;
import dev.progy.server.registry.FolderBlobStore;
import dev.progy.server.registry.Registry;
import dev.progy.server.registry.RegistryRoutes;
import dev.progy.server.registry.RegistrySettings;
import dev.progy.server.registry.stats.DownloadEvents;
import dev.progy.server.registry.stats.DownloadStats;
import dev.progy.server.registry.stats.FolderArchiveStore;
import dev.progy.server.registry.stats.StatsRoutes;
import dev.progy.server.http.Route;
import dev.progy.server.sync.SyncRoutes;
import dev.progy.server.tutor.AiPages;
import dev.progy.server.tutor.AiPlans;
import dev.progy.server.tutor.KeyVault;
import dev.progy.server.tutor.MasterKeys;
import dev.progy.server.tutor.OwnKeyUrls;
import dev.progy.server.tutor.RegistrySolutions;
import dev.progy.server.tutor.SolutionSource;
import dev.progy.server.tutor.AiQuota;
import dev.progy.server.tutor.Tutor;
import dev.progy.server.tutor.TutorModels;
import dev.progy.server.web.Sessions;
import dev.progy.server.web.WebPages;
import dev.progy.server.web.WebSettings;
import dev.progy.sync.hub.Quota;
import dev.progy.sync.hub.SyncHub;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    private final Sessions sessions;

    private final DeviceLogin deviceLogin;
    private final RateLimits rates;
    private final Jobs jobs;
    private DownloadEvents downloads;
    private DownloadStats downloadStats;
    private TelemetryRollUp telemetry;
    private Tutor tutor;
    private Live live;

    private ProgyServer(Database db, SyncHub hub, Accounts accounts, People people, Sessions sessions,
                        HttpServer http, List<Route> routes, DeviceLogin deviceLogin, RateLimits rates, Jobs jobs) {
        this.db = db;
        this.sessions = sessions;
        this.deviceLogin = deviceLogin;
        this.rates = rates;
        this.jobs = jobs;
        this.routes = List.copyOf(routes);
        this.people = people;
        this.hub = hub;
        this.accounts = accounts;
        this.http = http;
    }

    /** Opens the database, migrates it and serves. */
    public static ProgyServer start(ServerConfig config) {
        return start(config, DownloadCounter.NONE);
    }

    /**
     * Opens the database, migrates it and serves, telling {@code downloads} (besides the download statistics) of
     * every archive the registry serves.
     */
    public static ProgyServer start(ServerConfig config, DownloadCounter downloads) {
        return start(config, downloads, Clock.systemUTC());
    }

    /** As {@link #start(ServerConfig)}, with live help's invites timed by {@code liveClock} (tests). */
    static ProgyServer start(ServerConfig config, Clock liveClock) {
        return start(config, DownloadCounter.NONE, liveClock);
    }

    private static ProgyServer start(ServerConfig config, DownloadCounter downloads, Clock liveClock) {
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
        People people = new People(hub);
        DeviceLogin deviceLogin = new DeviceLogin(hub, Clock.systemUTC());
        List<Route> routes;
        Tutor tutor;
        Sessions sessions;
        DownloadEvents events;
        Live live;
        HttpSettings settings = new HttpSettings(config.text(Setting.HOST), config.integer(Setting.PORT),
                config.integer(Setting.THREADS), config.integer(Setting.UPLOADS),
                config.integer(Setting.UPLOADS_PER_ACCOUNT), config.seconds(Setting.IDLE_TIMEOUT),
                config.seconds(Setting.BODY_DEADLINE), config.number(Setting.MIN_DATA_RATE),
                config.seconds(Setting.SHUTDOWN_GRACE));
        RateLimits rates = rateLimits(db, config);
        Jobs jobs = new Jobs(hub.jobs(), Clock.systemUTC(), new JobSettings(config.integer(Setting.JOB_WORKERS),
                config.seconds(Setting.JOB_LEASE), Duration.ofSeconds(1), config.seconds(Setting.SHUTDOWN_GRACE)),
                metrics);
        try {
            sessions = new Sessions(hub.web(), webSettings(config), Clock.systemUTC());
            Registry registry = new Registry(hub.registry(), new FolderBlobStore(registryDir(config)), jobs,
                    rates.buckets(), registrySettings(config), Clock.systemUTC());
            events = new DownloadEvents(hub.downloads(), Clock.systemUTC(), 65_536, 1_000, metrics);
            routes = routes(hub, accounts, people, sessions, deviceLogin, metrics, config);
            DownloadCounter counted = downloads == DownloadCounter.NONE ? events : (course, version, account, address,
                    agent) -> {
                events.served(course, version, account, address, agent);
                downloads.served(course, version, account, address, agent);
            };
            routes.addAll(RegistryRoutes.routes(registry, counted));
            routes.addAll(CatalogPages.routes(new WebPages(sessions, accounts, webSettings(config)), registry,
                    hub.downloads(), Clock.systemUTC()));
            tutor = tutor(config, hub, rates, jobs, new RegistrySolutions(registry));
            routes.addAll(tutor.routes());
            routes.addAll(AiPages.routes(new WebPages(sessions, accounts, webSettings(config)), tutor,
                    hub.registry()));
            live = new Live(hub.live(), liveSettings(config), liveClock);
            routes.addAll(LiveRoutes.routes(live));
            routes.addAll(LiveRoutes.pages(new WebPages(sessions, accounts, webSettings(config)), live));
        } catch (RuntimeException e) {
            jobs.close();
            rates.buckets().close();
            hub.close();
            db.close();
            throw e;
        }
        try {
            ProgyServer server = new ProgyServer(db, hub, accounts, people, sessions,
                    HttpServer.start(routes, LiveRoutes.sockets(live, accounts, sessions), accounts, rates, metrics,
                            settings), routes,
                    deviceLogin, rates, jobs);
            server.downloads = events;
            server.tutor = tutor;
            server.live = live;
            server.downloadStats = new DownloadStats(hub.downloads(), jobs, new FolderArchiveStore(
                    java.nio.file.Path.of(config.text(Setting.DOWNLOAD_ARCHIVE))), Clock.systemUTC(),
                    new DownloadStats.Settings(config.integer(Setting.DOWNLOAD_KEEP_DAYS),
                            DownloadStats.Settings.DEFAULT.batch(), DownloadStats.Settings.DEFAULT.tick(),
                            DownloadStats.Settings.DEFAULT.grace())).start();
            server.telemetry = new TelemetryRollUp(hub.telemetry(), jobs, Clock.systemUTC(),
                    config.integer(Setting.TELEMETRY_KEEP_DAYS), Duration.ofHours(1)).start();
            return server;
        } catch (RuntimeException e) {
            live.close();
            jobs.close();
            rates.buckets().close();
            hub.close();
            db.close();
            throw new ProgyException("Could not listen on " + settings.host() + ":" + settings.port() + ".",
                    "Choose another --port, or stop what uses it.", e);
        }
    }

    /**
     * The rate limits of each class of route, from the settings; their buckets are rows every instance shares on
     * PostgreSQL, and in memory on SQLite (which one instance serves).
     */
    static RateLimits rateLimits(Database db, ServerConfig config) {
        Map<RateClass, RateLimit> limits = new EnumMap<>(RateClass.class);
        limits.put(RateClass.READ, config.rate(Setting.RATE_READ));
        limits.put(RateClass.WRITE, config.rate(Setting.RATE_WRITE));
        limits.put(RateClass.SIGN_IN, config.rate(Setting.RATE_SIGN_IN));
        limits.put(RateClass.AI, config.rate(Setting.RATE_AI));
        return new RateLimits(db.spec().postgres() ? TokenBuckets.shared(db.bucketPool()) : TokenBuckets.inMemory(), limits,
                webSettings(config).trustProxy());
    }

    /** The route table: every route of every capability, each with its access declared beside its path. */
    static List<Route> routes(SyncHub hub, Accounts accounts, People people, Sessions sessions,
                              DeviceLogin deviceLogin, PrometheusMeterRegistry metrics, ServerConfig config) {
        List<Route> all = new ArrayList<>();
        all.addAll(Probes.routes(hub::ready, metrics, openapi()));
        all.addAll(AccountRoutes.routes(hub));
        all.addAll(DeviceRoutes.routes(deviceLogin, webSettings(config)));
        all.addAll(TokenRoutes.routes(hub));
        all.addAll(SyncRoutes.routes(hub, config.number(Setting.SYNC_BODY_LIMIT)));
        WebPages web = new WebPages(sessions, accounts, webSettings(config));
        SignUp signUp = SignUp.parse(config.text(Setting.SIGN_UP)).orElseThrow(() -> new ProgyException(
                "The server setting sign-up should be open, invite-only or closed, not \""
                        + config.text(Setting.SIGN_UP) + "\".", "Set it with --sign-up, "
                        + Setting.SIGN_UP.env() + " or the configuration file."));
        all.addAll(web.routes());
        all.addAll(AccountPages.routes(web, people, hub.directory(), signUp));
        all.addAll(TokenPages.routes(web, hub));
        all.addAll(DevicePages.routes(web, deviceLogin));
        all.addAll(OrgPages.routes(web, people, hub.directory()));
        all.addAll(AdminPages.routes(web, people, hub.directory(), hub.web(), signUp, aiPlans(config, hub)));
        all.addAll(JobRoutes.routes(hub.jobs()));
        all.addAll(StatsRoutes.routes(hub.downloads(), Clock.systemUTC()));
        all.addAll(JobPages.routes(web, hub.jobs()));
        all.addAll(TelemetryRoutes.routes(hub.telemetry(), Clock.systemUTC(), config.integer(Setting.TELEMETRY_KEEP_DAYS)));
        all.addAll(AnalyticsPages.routes(web, hub.telemetry(), Clock.systemUTC(), config.integer(Setting.TELEMETRY_MIN_GROUP)));
        return all;
    }

    /** The AI tutor: keys sealed under the master key file, plans, quotas, the server's own model, lessons. */
    static Tutor tutor(ServerConfig config, SyncHub hub, RateLimits rates, Jobs jobs, SolutionSource solutions) {
        MasterKeys masters = MasterKeys.open(masterKeyFile(config));
        AiPlans plans = AiPlans.parse(config.text(Setting.AI_PLANS));
        String provider = config.text(Setting.AI_PROVIDER);
        if (!provider.equals("openai") && !provider.equals("anthropic")) {
            throw new ProgyException("The server setting ai-provider should be openai or anthropic, not \"" + provider
                    + "\".", "Set it with --ai-provider, " + Setting.AI_PROVIDER.env() + " or the configuration file.");
        }
        String key = config.text(Setting.AI_KEY);
        if (key.isBlank() && System.getenv("PROGY_AI_KEY") != null) {
            key = System.getenv("PROGY_AI_KEY").strip();
        }
        java.util.Optional<dev.progy.sync.ai.AiModelConfig> server = key.isBlank()
                && config.text(Setting.AI_BASE_URL).isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(TutorModels.config(provider, config.text(Setting.AI_BASE_URL),
                java.util.Optional.of(key).filter(k -> !k.isBlank()), config.text(Setting.AI_MODEL)));
        KeyVault vault = new KeyVault(masters);
        return new Tutor(hub.tutor(), new TutorModels(hub.tutor(), vault, server, ownKeyUrls(config)),
                new AiQuota(hub.tutor(), plans, Clock.systemUTC()),
                jobs, solutions, Clock.systemUTC());
    }

    static OwnKeyUrls ownKeyUrls(ServerConfig config) {
        try {
            return OwnKeyUrls.parse(config.text(Setting.AI_OWN_KEY_URLS));
        } catch (IllegalArgumentException e) {
            throw new ProgyException("The server setting " + e.getMessage(), "Set it with --ai-own-key-urls, "
                    + Setting.AI_OWN_KEY_URLS.env() + " or the configuration file.");
        }
    }

    /** The AI master key file: the setting, else beside the SQLite file, else ./progy-ai-master.key. */
    static java.nio.file.Path masterKeyFile(ServerConfig config) {
        String file = config.text(Setting.AI_MASTER_KEY_FILE);
        if (!file.isBlank()) {
            return java.nio.file.Path.of(file);
        }
        String db = config.text(Setting.DB);
        if (db.startsWith("sqlite:") || db.startsWith("jdbc:sqlite:")) {
            return java.nio.file.Path.of(db.substring(db.indexOf("sqlite:") + 7)).toAbsolutePath()
                    .resolveSibling("ai-master.key");
        }
        return java.nio.file.Path.of("progy-ai-master.key");
    }

    /** Puts a new master key first in the key file and re-wraps every stored AI key with it; how many. */
    static int rotateAiMasterKey(ServerConfig config, java.io.PrintStream out) {
        try (Database db = Database.open(config.text(Setting.DB), 2, null);
             SyncHub hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(), Quota.DEFAULT)) {
            MasterKeys masters = MasterKeys.open(masterKeyFile(config));
            String id = masters.rotate();
            out.println("The AI master key file " + masters.file() + " now starts with the new key " + id
                    + "; re-wrapping the stored keys in the job " + Tutor.REWRAP_JOB + "…");
            out.flush();
            KeyVault vault = new KeyVault(masters);
            io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            try (Jobs jobs = new Jobs(hub.jobs(), Clock.systemUTC(), new JobSettings(1, Duration.ofSeconds(30),
                    Duration.ofMillis(200), Duration.ofSeconds(5)), metrics)) {
                java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
                jobs.register(Tutor.REWRAP_JOB, 5, Duration.ofSeconds(10),
                        job -> count.addAndGet(Tutor.rewrapAll(hub.tutor(), vault)));
                long jobId = jobs.enqueue(Tutor.REWRAP_JOB, id, "rewrap:" + id).id();
                long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (System.nanoTime() < until) {
                    java.util.Optional<dev.progy.sync.hub.HubJobs.Job> row = hub.jobs().job(jobId);
                    if (row.isPresent() && (row.get().state().equals(dev.progy.sync.hub.HubJobs.DONE)
                            || row.get().state().equals(dev.progy.sync.hub.HubJobs.FAILED))) {
                        if (row.get().state().equals(dev.progy.sync.hub.HubJobs.FAILED)) {
                            throw new ProgyException("The re-wrap job failed: " + row.get().lastError().orElse(""),
                                    "Keep every older key in the file's later lines, fix what it says, and run "
                                            + "the command again.");
                        }
                        return Tutor.rewrapAll(hub.tutor(), vault) + count.get();
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                throw new ProgyException("The re-wrap job did not finish in 10 minutes.",
                        "See it on the jobs page, and run the command again later (it is safe to repeat).");
            }
        }
    }

    /** Gives the account named {@code account} the AI plan {@code plan}. */
    /** The AI plans as the administrator's page assigns them. */
    static AdminPages.Plans aiPlans(ServerConfig config, SyncHub hub) {
        AiPlans plans = AiPlans.parse(config.text(Setting.AI_PLANS));
        return new AdminPages.Plans() {
            @Override
            public List<String> names() {
                return plans.plans().stream().map(AiPlans.Plan::name).toList();
            }

            @Override
            public java.util.Map<String, String> plansOf(List<String> accounts) {
                java.util.Map<String, String> given = hub.tutor().plansByName();
                java.util.Map<String, String> all = new java.util.HashMap<>();
                for (String a : accounts) {
                    all.put(a, plans.planOr(java.util.Optional.ofNullable(given.get(a))).name());
                }
                return all;
            }

            @Override
            public void set(String account, String plan) {
                long id = hub.tutor().accountId(account).orElseThrow(() -> new ProgyException("There is no account "
                        + account + ".", "Pick one from the list."));
                hub.tutor().setPlan(id, plan);
            }
        };
    }

    static void setAiPlan(ServerConfig config, String account, String plan) {
        AiPlans plans = AiPlans.parse(config.text(Setting.AI_PLANS));
        if (plans.plan(plan).isEmpty()) {
            throw new ProgyException("There is no AI plan " + plan + ".", "The plans are " + plans.names()
                    + " (setting ai-plans).");
        }
        try (Database db = Database.open(config.text(Setting.DB), 1, null);
             SyncHub hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(), Quota.DEFAULT)) {
            long id = hub.tutor().accountId(account).orElseThrow(() -> new ProgyException("There is no account "
                    + account + ".", "See the accounts with: progy-server admin list-users"));
            hub.tutor().setPlan(id, plan);
        }
    }

    /** The registry's blob folder: the setting, else registry/ beside the SQLite file, else ./progy-registry. */
    static java.nio.file.Path registryDir(ServerConfig config) {
        String dir = config.text(Setting.REGISTRY_DIR);
        if (!dir.isBlank()) {
            return java.nio.file.Path.of(dir);
        }
        String db = config.text(Setting.DB);
        if (db.startsWith("sqlite:") || db.startsWith("jdbc:sqlite:")) {
            java.nio.file.Path file = java.nio.file.Path.of(db.substring(db.indexOf("sqlite:") + 7))
                    .toAbsolutePath();
            return file.resolveSibling("registry");
        }
        return java.nio.file.Path.of("progy-registry");
    }

    static RegistrySettings registrySettings(ServerConfig config) {
        return new RegistrySettings(registryDir(config), config.number(Setting.REGISTRY_MAX_ARCHIVE),
                config.number(Setting.REGISTRY_MAX_UNPACKED), config.rate(Setting.RATE_NEW_COURSE),
                config.rate(Setting.RATE_NEW_VERSION),
                onOff(config, Setting.REGISTRY_LINKS) ? Duration.ofSeconds(10) : Duration.ZERO,
                onOff(config, Setting.REGISTRY_SOLUTION_RUNS));
    }

    private static boolean onOff(ServerConfig config, Setting s) {
        String v = config.text(s);
        if (!v.equals("on") && !v.equals("off")) {
            throw new ProgyException("The server setting " + s.key() + " should be on or off, not \"" + v + "\".",
                    "Set it with --" + s.key() + ", " + s.env() + " or the configuration file.");
        }
        return v.equals("on");
    }

    static LiveSettings liveSettings(ServerConfig config) {
        return new LiveSettings(Duration.ofMinutes(config.number(Setting.LIVE_INVITE_MINUTES)),
                config.integer(Setting.LIVE_MAX_ROOMS), config.integer(Setting.LIVE_MAX_VIEWERS),
                config.number(Setting.LIVE_MAX_BYTES), Duration.ofSeconds(60), config.text(Setting.PUBLIC_URL));
    }

    private static WebSettings webSettings(ServerConfig config) {
        String trust = config.text(Setting.TRUST_PROXY);
        if (!trust.equals("true") && !trust.equals("false")) {
            throw new ProgyException("The server setting trust-proxy should be true or false, not \"" + trust + "\".",
                    "Set it with --trust-proxy, " + Setting.TRUST_PROXY.env() + " or the configuration file.");
        }
        return new WebSettings(config.text(Setting.PUBLIC_URL), trust.equals("true"),
                config.seconds(Setting.SESSION_IDLE), config.seconds(Setting.SESSION_LIFETIME));
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

    /** The web pages' browser sessions. */
    public Sessions sessions() {
        return sessions;
    }

    /** The hub on the database, for tests that look at what is stored. */
    SyncHub hub() {
        return hub;
    }

    /** Counts the registry's downloads (the registry's archive route tells it of each one served). */
    public DownloadEvents downloads() {
        return downloads;
    }

    /** The download statistics' jobs: roll-ups, rankings, archives. */
    public DownloadStats downloadStats() {
        return downloadStats;
    }

    /** The telemetry's roll-up and retention jobs. */
    public TelemetryRollUp telemetry() {
        return telemetry;
    }

    /** The AI tutor: sealed keys, plans and quotas, lessons. */
    public Tutor tutor() {
        return tutor;
    }

    /** Live help's rooms on this instance. */
    public Live live() {
        return live;
    }

    /** Durable jobs: capabilities register handlers and enqueue work here. */
    public Jobs jobs() {
        return jobs;
    }

    /**
     * Stops taking requests and lets running ones finish, then stops claiming jobs and lets running ones finish
     * (each for up to {@code shutdown-grace}), then closes the database.
     */
    @Override
    public void close() {
        try {
            http.close();
        } finally {
            if (live != null) {
                live.close();
            }
            if (telemetry != null) {
                telemetry.close();
            }
            if (downloadStats != null) {
                downloadStats.close();
                downloads.close(); // stores what is queued while the database is still open
            }
            jobs.close();
            rates.buckets().close();
            hub.close();
            db.close();
        }
    }

    /** Makes a new registry signing key, endorsed by the current one; returns its id. */
    static String rotateRegistryKey(ServerConfig config) {
        try (Database db = Database.open(config.text(Setting.DB), 1, null);
             SyncHub hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(), Quota.DEFAULT)) {
            return new dev.progy.server.registry.RegistryKeys(hub.registry(), Clock.systemUTC()).rotate();
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
