package dev.progy.cli;

import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.server.account.People;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.credentials.ServerTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real Progy server with its registry, in-process on loopback with SQLite, and an author, {@code tester}, who may
 * publish to {@code @tester} and to the organisation {@code @school} they own. Solutions are not run (no engine is
 * needed) and external links are not checked unless asked.
 */
final class RegistryOnLoopback implements AutoCloseable {

    final ProgyServer server;
    final String url;
    final String token;
    final Path dir;
    /** Each archive the server served, as {@code name@version user-agent}. */
    final List<String> downloads = new java.util.concurrent.CopyOnWriteArrayList<>();

    RegistryOnLoopback(Path dir, String... settings) {
        this.dir = dir;
        Map<String, String> options = new HashMap<>(Map.of("db", "sqlite:" + dir.resolve("server.db"),
                "host", "127.0.0.1", "port", "0", "registry-links", "off", "registry-solution-runs", "off",
                "rate-new-course", "1000/1m", "rate-new-version", "1000/1m", "rate-read", "1000000/1m",
                "rate-write", "1000000/1m"));
        for (int i = 0; i < settings.length; i += 2) {
            options.put(settings[i], settings[i + 1]);
        }
        server = ProgyServer.start(ServerConfig.load(options, Map.of()),
                (course, version, account, address, userAgent) -> downloads.add(course + "@" + version + " " + userAgent));
        url = "http://127.0.0.1:" + server.port();
        People.Person tester = server.people().signUp("tester", "tester@example.org", "correct horse battery");
        server.people().createOrganisation("@school", tester.account());
        token = server.accounts().createToken("tester", Set.of("publish:tester", "publish:school", "read"),
                Optional.empty(), "tests");
    }

    /** The registry's settings for an SDK user who keeps pinned keys in {@code configDir}. */
    ProviderConfig config(Path configDir, boolean signedIn) {
        Map<String, String> m = new HashMap<>(Map.of("progy.registry.server", url,
                "progy.config.dir", configDir.toString()));
        if (signedIn) {
            m.put("progy.registry.token", token);
        }
        return ProviderConfig.of(m);
    }

    /** Saves the author's token for this server in {@code cli}'s config folder, as {@code progy login} would. */
    void signIn(CliHarness cli) {
        ServerTokens.in(Path.of(cli.env.get("XDG_CONFIG_HOME"), "progy")).save(url, token, Optional.of("tester"),
                Instant.now());
    }

    /** The archives the server keeps, on its disk. */
    List<Path> storedArchives() throws IOException {
        Path root = dir.resolve("registry");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".progy") && p.toString().contains("archives")).toList();
        }
    }

    /** Sends {@code method path} with the author's token; the status. */
    int call(String method, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        server.close();
    }
}
