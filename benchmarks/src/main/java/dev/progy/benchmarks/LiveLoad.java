package dev.progy.benchmarks;

import dev.progy.sync.hub.SyncHub;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live help under load (issue 17), against {@code progy-server.jar} processes on one fresh PostgreSQL database:
 * <ul>
 *   <li>{@code latency}: a student on instance 1 sends a keystroke's echo every {@code interval-ms}; a viewer on
 *       instance 2 receives it through the PostgreSQL relay. Prints p50, p90, p99 and max of send-to-receive (one
 *       clock: both ends are in this process).</li>
 *   <li>{@code fanout}: one instance, {@code rooms} rooms of {@code viewers} viewers each, every student streaming
 *       a line of {@code line} bytes every {@code interval-ms}; prints the frames delivered, the server's CPU per
 *       second and its resident memory.</li>
 * </ul>
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.LiveLoad --mode latency --samples 2000
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.LiveLoad --mode fanout --rooms 100 --viewers 5
 * </pre>
 */
public final class LiveLoad {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern STRING = Pattern.compile("\"(room|invite|socket|viewer)\":\"([^\"]+)\"");
    private static final Pattern STAMP = Pattern.compile("k(\\d+)\\.");

    private LiveLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SyncLoad.options(args);
        String admin = o.getOrDefault("postgres", System.getenv("PROGY_TEST_POSTGRES_URL"));
        Path jar = Path.of(o.getOrDefault("server-jar", "progy-server/target/progy-server.jar"));
        String mode = o.getOrDefault("mode", "latency");
        String name = "progy_live_" + Long.toHexString(System.nanoTime());
        String database = SyncLoad.database(admin, name);
        SyncLoad.adminSql(admin, "CREATE DATABASE " + name);
        List<Process> servers = new ArrayList<>();
        try {
            int instances = mode.equals("latency") ? 2 : 1;
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Process p = SyncLoad.startServer(jar, database, o.getOrDefault("jvm-args", ""),
                        "--live-max-viewers 1000 --live-max-bytes 100000000 --min-data-rate 1");
                servers.add(p);
                ports.add(SyncLoad.port(p));
                drain(p.getInputStream());
            }
            if (mode.equals("latency")) {
                latency(database, ports, Integer.parseInt(o.getOrDefault("samples", "2000")),
                        Long.parseLong(o.getOrDefault("interval-ms", "10")));
            } else {
                fanout(database, ports.get(0), servers.get(0), Integer.parseInt(o.getOrDefault("rooms", "100")),
                        Integer.parseInt(o.getOrDefault("viewers", "5")),
                        Integer.parseInt(o.getOrDefault("line", "100")),
                        Long.parseLong(o.getOrDefault("interval-ms", "50")),
                        Integer.parseInt(o.getOrDefault("seconds", "30")));
            }
        } finally {
            for (Process p : servers) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            SyncLoad.adminSql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        System.exit(0);
    }

    private static void latency(String database, List<Integer> ports, int samples, long intervalMs) throws Exception {
        String student;
        String viewer;
        try (SyncHub hub = SyncHub.open(database, 2, Clock.systemUTC())) {
            hub.createAccount("student");
            hub.createAccount("viewer");
            student = hub.createToken("student", Set.of("live"), Optional.empty(), "load");
            viewer = hub.createToken("viewer", Set.of("live"), Optional.empty(), "load");
        }
        String a = "http://127.0.0.1:" + ports.get(0);
        String b = "http://127.0.0.1:" + ports.get(1);
        long[] nanos = new long[samples];
        AtomicLong got = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Map<String, String> room = fields(post(a, "/api/v1/live/rooms", student, "{}"));
        WebSocket[] studentSocket = new WebSocket[1];
        List<String> asks = new ArrayList<>();
        CountDownLatch asked = new CountDownLatch(1);
        studentSocket[0] = socket(a + room.get("socket"), student, text -> {
            if (text.contains("\"t\":\"ask\"")) {
                asks.add(fields(text).get("viewer"));
                asked.countDown();
            }
        });
        Map<String, String> join = fields(post(b, "/api/v1/live/join", viewer, "{\"invite\":\"" + room.get("invite")
                + "\"}"));
        CountDownLatch snapped = new CountDownLatch(1);
        socket(b + join.get("socket"), viewer, text -> {
            long now = System.nanoTime();
            if (text.contains("\"t\":\"snap\"")) {
                snapped.countDown();
            }
            Matcher m = STAMP.matcher(text);
            if (text.contains("\"t\":\"o\"") && m.find()) {
                long i = got.getAndIncrement();
                if (i < samples) {
                    nanos[(int) i] = now - Long.parseLong(m.group(1));
                }
                if (i + 1 == samples) {
                    done.countDown();
                }
            }
        });
        asked.await(30, TimeUnit.SECONDS);
        studentSocket[0].sendText("{\"t\":\"allow\",\"viewer\":\"" + asks.get(0) + "\"}", true).join();
        snapped.await(30, TimeUnit.SECONDS);
        for (int i = 0; i < samples; i++) {
            studentSocket[0].sendText("{\"t\":\"o\",\"d\":\"k" + System.nanoTime() + ".\"}", true).join();
            Thread.sleep(intervalMs);
        }
        done.await(30, TimeUnit.SECONDS);
        long[] sorted = Arrays.copyOf(nanos, (int) Math.min(samples, got.get()));
        Arrays.sort(sorted);
        System.out.printf("keystroke to viewer, student on instance 1, viewer on instance 2 (PostgreSQL relay): "
                        + "%d samples, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.length,
                SyncLoad.ms(pct(sorted, 50)), SyncLoad.ms(pct(sorted, 90)), SyncLoad.ms(pct(sorted, 99)),
                SyncLoad.ms(pct(sorted, 100)));
    }

    private static void fanout(String database, int port, Process server, int rooms, int perRoom, int line,
                               long intervalMs, int seconds) throws Exception {
        List<String> students = new ArrayList<>();
        List<String> viewers = new ArrayList<>();
        try (SyncHub hub = SyncHub.open(database, 2, Clock.systemUTC())) {
            for (int r = 0; r < rooms; r++) {
                hub.createAccount("s" + r);
                students.add(hub.createToken("s" + r, Set.of("live"), Optional.empty(), "load"));
            }
            for (int v = 0; v < perRoom; v++) {
                hub.createAccount("v" + v);
                viewers.add(hub.createToken("v" + v, Set.of("live"), Optional.empty(), "load"));
            }
        }
        String base = "http://127.0.0.1:" + port;
        AtomicLong frames = new AtomicLong();
        AtomicLong resnaps = new AtomicLong();
        List<WebSocket> studentSockets = new ArrayList<>();
        CountDownLatch snaps = new CountDownLatch(rooms * perRoom);
        for (int r = 0; r < rooms; r++) {
            Map<String, String> room = fields(post(base, "/api/v1/live/rooms", students.get(r), "{}"));
            ConcurrentLinkedQueue<String> asks = new ConcurrentLinkedQueue<>();
            WebSocket[] s = new WebSocket[1];
            s[0] = socket(base + room.get("socket"), students.get(r), text -> {
                if (text.contains("\"t\":\"ask\"")) {
                    s[0].sendText("{\"t\":\"allow\",\"viewer\":\"" + fields(text).get("viewer") + "\"}", true);
                }
            });
            studentSockets.add(s[0]);
            for (int v = 0; v < perRoom; v++) {
                Map<String, String> join = fields(post(base, "/api/v1/live/join", viewers.get(v),
                        "{\"invite\":\"" + room.get("invite") + "\"}"));
                socket(base + join.get("socket"), viewers.get(v), text -> {
                    if (text.contains("\"t\":\"snap\"")) {
                        if (snaps.getCount() == 0) {
                            resnaps.incrementAndGet();
                        }
                        snaps.countDown();
                    } else if (text.contains("\"t\":\"o\"")) {
                        frames.incrementAndGet();
                    }
                });
            }
        }
        if (!snaps.await(120, TimeUnit.SECONDS)) {
            System.out.println("only " + (rooms * perRoom - snaps.getCount()) + " viewers were let in");
        }
        String payload = "x".repeat(Math.max(1, line - 2)) + "\\r\\n";
        long sent = 0;
        List<java.util.concurrent.CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < studentSockets.size(); i++) {
            pending.add(java.util.concurrent.CompletableFuture.completedFuture(studentSockets.get(i)));
        }
        long cpu0 = cpu(server);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long rssMax = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < studentSockets.size(); i++) {
                // one send at a time per socket (the JDK client refuses a second while one is pending)
                pending.get(i).join();
                pending.set(i, studentSockets.get(i).sendText("{\"t\":\"o\",\"d\":\"" + payload + "\"}", true));
                sent++;
            }
            rssMax = Math.max(rssMax, rss(server));
            Thread.sleep(intervalMs);
        }
        long elapsed = System.nanoTime() - t0;
        Thread.sleep(2000);
        long cpu = cpu(server) - cpu0;
        System.out.printf("one instance, %d rooms x %d viewers (%d viewer sockets), each student a %d-byte line every "
                        + "%d ms for %d s: %d lines sent, %d of %d frames delivered (%.1f%%), server CPU %.2f cores "
                        + "(%.0f%% of one), resident memory peak %d MiB, %d fresh screens for viewers that fell behind%n", rooms, perRoom, rooms * perRoom, line,
                intervalMs, seconds, sent, frames.get(), sent * perRoom, 100.0 * frames.get() / (sent * perRoom),
                cpu / (double) elapsed, 100.0 * cpu / elapsed, rssMax / (1024 * 1024), resnaps.get());
    }

    private static long cpu(Process p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long rss(Process p) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void drain(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (Exception e) {
                // the server stopped
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static String post(String base, String path, String token, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> m = new java.util.HashMap<>();
        Matcher x = STRING.matcher(json);
        while (x.find()) {
            m.put(x.group(1), x.group(2));
        }
        return m;
    }

    private static WebSocket socket(String url, String token, Consumer<String> each) {
        return HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(url.replace("http://", "ws://")), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            each.accept(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }
}
