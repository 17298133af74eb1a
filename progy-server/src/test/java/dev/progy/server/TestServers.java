package dev.progy.server;

import java.util.HashMap;
import java.util.Map;

/** Servers for tests: on loopback, any free port, the given database and settings. */
final class TestServers {

    private TestServers() { }

    /** A server on {@code database}, with {@code settings} as pairs of setting name and value. */
    static ProgyServer start(String database, String... settings) {
        return ProgyServer.start(config(database, settings));
    }

    static ServerConfig config(String database, String... settings) {
        Map<String, String> options = new HashMap<>();
        options.put("db", database);
        options.put("host", "127.0.0.1");
        options.put("port", "0");
        // tests push far faster than a student does; the rate limits' own tests set them low again
        options.put("rate-read", "1000000/1m");
        options.put("rate-write", "1000000/1m");
        options.put("rate-sign-in", "1000000/1m");
        options.put("rate-ai", "1000000/1m");
        // publishes in tests need no internet: the registry's external link check is off unless a test turns it on
        options.put("registry-links", "off");
        options.put("rate-new-course", "1000/1m");
        options.put("rate-new-version", "1000/1m");
        if (!database.startsWith("sqlite:")) {
            // a PostgreSQL server's AI master key file would default to the working folder
            try {
                options.put("ai-master-key-file", java.nio.file.Files.createTempDirectory("progy-ai-")
                        .resolve("ai-master.key").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (int i = 0; i < settings.length; i += 2) {
            options.put(settings[i], settings[i + 1]);
        }
        return ServerConfig.load(options, Map.of());
    }

    static String url(ProgyServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
