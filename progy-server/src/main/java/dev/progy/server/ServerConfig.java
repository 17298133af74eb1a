package dev.progy.server;

import dev.progy.error.ProgyException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the server, in one documented list ({@link Setting}), each read from (first found wins) a
 * command-line option {@code --<key>}, the environment variable {@code PROGY_SERVER_<KEY>}, the configuration file
 * (Java properties, {@code <key> = value}, named by {@code --config} or {@code PROGY_SERVER_CONFIG}), or its
 * default. {@code progy-server --help} prints the list.
 */
public record ServerConfig(Map<Setting, String> values) {

    /** The settings, with their defaults and what each does. */
    public enum Setting {
        DB("db", "sqlite:progy-server.db",
                "the database: sqlite:/path/server.db, or postgresql://user:password@host:5432/database"),
        HOST("host", "0.0.0.0", "the address to listen on (127.0.0.1 behind a reverse proxy on the same machine)"),
        PORT("port", "8080", "the port to listen on"),
        CONNECTIONS("connections", "8", "database connections in the pool (PostgreSQL; SQLite uses one)"),
        THREADS("threads", "64", "request threads"),
        UPLOADS("uploads", "8", "request bodies read at once, server-wide; more get 503 with Retry-After"),
        UPLOADS_PER_ACCOUNT("uploads-per-account", "2", "request bodies read at once for one account"),
        SYNC_BODY_LIMIT("sync-body-limit", "33554432", "the largest sync request body, in bytes (32 MiB)"),
        IDLE_TIMEOUT("idle-timeout", "15", "seconds a connection may send nothing before it is closed"),
        BODY_DEADLINE("body-deadline", "60", "seconds a request body may take to arrive, however steadily"),
        MIN_DATA_RATE("min-data-rate", "1024", "bytes a second a request body must arrive at, at least"),
        SHUTDOWN_GRACE("shutdown-grace", "20", "seconds running requests get to finish when the server stops"),
        ACCOUNT_RECORDS("account-records", "100000", "progress records one account may keep"),
        ACCOUNT_BYTES("account-bytes", "67108864", "characters of progress records one account may keep (64 Mi)"),
        SIGN_UP("sign-up", "open", "who may make an account on the web page: open, invite-only (a code from an "
                + "admin) or closed"),
        PUBLIC_URL("public-url", "", "the address people reach the server at (progy login shows its /device page); "
                + "https://… makes cookies Secure"),
        TRUST_PROXY("trust-proxy", "false", "true behind a reverse proxy that sets X-Forwarded-Proto and "
                + "X-Forwarded-For (then believed)"),
        SESSION_IDLE("session-idle", "7200", "seconds a web session may go unused before it ends"),
        SESSION_LIFETIME("session-lifetime", "86400", "seconds a web session lasts after sign-in, however active"),
        RATE_READ("rate-read", "600/1m", "requests to one reading route (GET) per account, or per address when "
                + "anonymous: <requests>/<period>, period in s, m or h; shared by every instance on PostgreSQL"),
        RATE_WRITE("rate-write", "120/1m", "requests to one changing route (POST, e.g. sync) per account, or per address"),
        RATE_SIGN_IN("rate-sign-in", "20/1m", "sign-in, sign-up and device-code requests per network address"),
        REGISTRY_DIR("registry-dir", "", "the folder the registry keeps course archives in (default: registry/ beside "
                + "the SQLite database, or ./progy-registry with PostgreSQL; share it between instances)"),
        REGISTRY_MAX_ARCHIVE("registry-max-archive", "10485760", "the largest .progy archive a publish may upload, in "
                + "bytes (10 MiB)"),
        REGISTRY_MAX_UNPACKED("registry-max-unpacked", "536870912", "the most a published archive may unpack to, in "
                + "bytes (512 MiB)"),
        RATE_NEW_COURSE("rate-new-course", "5/50m", "publishes of a new course per account: 5 at once, then one "
                + "every 10 minutes"),
        RATE_NEW_VERSION("rate-new-version", "30/30m", "publishes of a new version per account: 30 at once, then one "
                + "a minute"),
        REGISTRY_LINKS("registry-links", "on", "on or off: a publish requests every external link of the course "
                + "(404, 410 and unknown hosts refuse it; 429, 5xx and timeouts are warnings)"),
        REGISTRY_SOLUTION_RUNS("registry-solution-runs", "on", "on or off: a publish runs every starter and solution "
                + "in Docker or Podman (off, or without an engine: published as not verified)"),
        JOB_WORKERS("job-workers", "2", "durable jobs this instance runs at once"),
        JOB_LEASE("job-lease", "30", "seconds a running job's instance must renew its claim within, or another takes "
                + "the job over (it renews every third of that)"),
        DOWNLOAD_ARCHIVE("download-archive", "progy-download-archive", "the folder where download events older than "
                + "download-keep-days go, as a gzip-compressed CSV file per day"),
        DOWNLOAD_KEEP_DAYS("download-keep-days", "30", "days download events are kept in the database before they "
                + "are archived"),
        TELEMETRY_KEEP_DAYS("telemetry-keep-days", "90", "days raw telemetry events are kept once their day is "
                + "rolled up"),
        TELEMETRY_MIN_GROUP("telemetry-min-group", "5", "the fewest course installations a figure of the course "
                + "analytics pages and exports may show"),
        AI_MASTER_KEY_FILE("ai-master-key-file", "", "the file of the master key that seals the AI keys accounts set "
                + "(32 random bytes, base64; made with mode 0600 when absent, beside the SQLite database or as "
                + "./progy-ai-master.key; give every instance the same file and back it up)"),
        AI_PLANS("ai-plans", "free:lessons=5,tokens=20000;pro:lessons=200,tokens=1000000;"
                + "own-key:lessons=500,tokens=unlimited", "the AI plans and their daily quotas: "
                + "<plan>:lessons=<n>,tokens=<n|unlimited>[,key=server|own];…  (the first is every account's "
                + "until an admin sets another; own-key uses the account's own key)"),
        RATE_AI("rate-ai", "10/1m", "AI requests (tutor lessons, setting a key) per account: 10 at once, then one "
                + "every 6 seconds; shared by every instance on PostgreSQL"),
        AI_PROVIDER("ai-provider", "openai", "the provider of the server's own model: openai (or any "
                + "OpenAI-compatible server) or anthropic"),
        AI_BASE_URL("ai-base-url", "", "the base URL of the server's own model's API (default: the provider's; "
                + "a local Ollama: http://localhost:11434/v1)"),
        AI_MODEL("ai-model", "", "the server's own model (default: gpt-4o-mini or claude-sonnet-4-5)"),
        AI_OWN_KEY_URLS("ai-own-key-urls", "https://api.openai.com/v1,https://api.anthropic.com/v1", "the only "
                + "addresses an account's own AI key may be sent to (progy ai key set --base-url), separated by "
                + "commas: add a school's own model server here; * allows any address, including ones only this "
                + "server reaches"),
        AI_KEY("ai-key", "", "the server's own model key, used only on the server for plans that include AI "
                + "(also read from PROGY_AI_KEY); without it and without ai-base-url the server has no model"),
        LIVE_INVITE_MINUTES("live-invite-minutes", "15", "minutes a live help invite code (progy share) lets "
                + "someone ask to watch"),
        LIVE_MAX_ROOMS("live-max-rooms", "2", "live help rooms (shared terminals) one account may have open at once"),
        LIVE_MAX_VIEWERS("live-max-viewers", "10", "viewers (watching or asking) one live help room may have"),
        LIVE_MAX_BYTES("live-max-bytes", "1048576", "terminal output one live help room may stream a second, in "
                + "bytes; over it viewers get the screen again once it is under");

        private final String key;
        private final String fallback;
        private final String description;

        Setting(String key, String fallback, String description) {
            this.key = key;
            this.fallback = fallback;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String env() {
            return "PROGY_SERVER_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        public String fallback() {
            return fallback;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The settings from {@code options} (command-line, without {@code --}), {@code env}, the file {@code config}
     * names, and the defaults; refuses an option or file key that is no setting.
     */
    public static ServerConfig load(Map<String, String> options, Map<String, String> env) {
        Map<String, Setting> byKey = new HashMap<>();
        for (Setting s : Setting.values()) {
            byKey.put(s.key, s);
        }
        Map<String, String> file = new HashMap<>();
        String configFile = options.getOrDefault("config", env.get("PROGY_SERVER_CONFIG"));
        if (configFile != null) {
            file = readFile(Path.of(configFile));
        }
        for (String key : options.keySet()) {
            if (!key.equals("config") && !byKey.containsKey(key)) {
                throw new Unknown("--" + key);
            }
        }
        for (String key : file.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new Unknown(key + " (in " + configFile + ")");
            }
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = options.get(s.key);
            if (v == null) {
                v = env.get(s.env());
            }
            if (v == null) {
                v = file.get(s.key);
            }
            values.put(s, v == null ? s.fallback : v.trim());
        }
        ServerConfig config = new ServerConfig(values);
        for (Setting s : Setting.values()) {
            if (s.fallback.matches("\\d+")) {
                config.number(s);
            } else if (s.key.startsWith("rate-")) {
                config.rate(s);
            }
        }
        return config;
    }

    /** A setting that does not exist. */
    public static final class Unknown extends ProgyException {
        Unknown(String what) {
            super("There is no server setting " + what + ".", "See the settings with: progy-server --help");
        }
    }

    public String text(Setting s) {
        return values.get(s);
    }

    public long number(Setting s) {
        String v = values.get(s);
        try {
            long n = Long.parseLong(v);
            if (n < (s == Setting.PORT ? 0 : 1) || s == Setting.PORT && n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProgyException("The server setting " + s.key + " should be a whole number above 0, not \"" + v
                    + "\".", "Set it with --" + s.key + ", " + s.env() + " or the configuration file.");
        }
    }

    /** A rate limit setting, {@code <requests>/<period>}. */
    public dev.progy.server.http.RateLimit rate(Setting s) {
        String v = values.get(s);
        return dev.progy.server.http.RateLimit.parse(v).orElseThrow(() -> new ProgyException("The server setting "
                + s.key + " should be a number of requests per period, such as 120/1m (or 10/30s, 1000/1h), not \""
                + v + "\".", "Set it with --" + s.key + ", " + s.env() + " or the configuration file."));
    }

    public int integer(Setting s) {
        return (int) Math.min(Integer.MAX_VALUE, number(s));
    }

    public Duration seconds(Setting s) {
        return Duration.ofSeconds(number(s));
    }

    /** The list of settings, as {@code --help} shows it. */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (Setting s : Setting.values()) {
            b.append(String.format("  --%-26s %-34s %s (default: %s)%n", s.key + " <value>", s.env(), s.description,
                    s.fallback.isEmpty() ? "none" : s.fallback));
        }
        return b.toString();
    }

    private static Map<String, String> readFile(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            p.load(r);
        } catch (IOException e) {
            throw new ProgyException("Could not read the configuration file " + path + ".",
                    "Check the path given with --config or PROGY_SERVER_CONFIG, and that the file is readable.", e);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k.trim(), p.getProperty(k)));
        return m;
    }
}
