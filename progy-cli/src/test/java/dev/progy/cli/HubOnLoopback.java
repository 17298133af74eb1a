package dev.progy.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.progy.model.ProgressRecord;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.hub.SyncRejectedException;
import dev.progy.sync.wire.SyncRequest;
import dev.progy.sync.wire.SyncResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real sync hub on SQLite behind the JDK's HTTP server on loopback, speaking the sync endpoint as progy-server
 * does (the CLI's tests cannot depend on the server module).
 */
final class HubOnLoopback implements AutoCloseable {

    final SyncHub hub;
    final String token;
    private final HttpServer http;

    HubOnLoopback(Path dir) throws IOException {
        hub = SyncHub.open("sqlite:" + dir.resolve("server.db"), 1, Clock.systemUTC());
        token = hub.createAccount("ada");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/v1/sync", this::sync);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /**
     * Waits until the account's records on the server satisfy {@code done} (a background sync runs in a process of its
     * own, with no event to wait on across processes, so the server is polled) and returns them.
     */
    List<ProgressRecord> awaitRecords(Predicate<List<ProgressRecord>> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HubAccount account = hub.authenticate(token).orElseThrow();
        for (;;) {
            byte[] answer = hub.sync(account, new SyncRequest("probe", "test", 0, 0, List.of()));
            List<ProgressRecord> records = SyncResponse.read(new ByteArrayInputStream(answer)).records();
            if (done.test(records)) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server's records did not get there within " + within + ": " + records);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void sync(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Optional<HubAccount> account = auth == null ? Optional.empty() : hub.authenticate(auth.replaceFirst("^Bearer ", ""));
        byte[] body;
        int status = 200;
        if (account.isEmpty()) {
            status = 401;
            body = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                body = hub.sync(account.get(), ex.getRequestBody());
            } catch (SyncRejectedException e) {
                status = e.status();
                body = ("{\"error\":\"" + e.code() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        hub.close();
    }
}
