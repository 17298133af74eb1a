package dev.progy.benchmarks;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.wire.SyncRequest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load generator for {@code POST /api/v1/sync}: {@code clients} threads, each an account of its own
 * with its own keep-alive connection, each pushing one changed exercise record per request (and pulling from its
 * cursor), against one or two progy-server processes on one fresh PostgreSQL database, over loopback. Prints p50,
 * p90, p99 and max latency and throughput per level.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.SyncLoad \
 *     --postgres postgresql://progy:progy@127.0.0.1:55432/progy --server-jar progy-server/target/progy-server.jar \
 *     --instances 1,2 --clients 1,50,200 --warmup 5 --seconds 15
 * </pre>
 */
public final class SyncLoad {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private static final Pattern CURSOR = Pattern.compile("\"cursor\":(\\d+)");

    private SyncLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String admin = o.getOrDefault("postgres", System.getenv("PROGY_TEST_POSTGRES_URL"));
        Path jar = Path.of(o.getOrDefault("server-jar", "progy-server/target/progy-server.jar"));
        int[] instances = ints(o.getOrDefault("instances", "1,2"));
        int[] levels = ints(o.getOrDefault("clients", "1,50,200"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "15"));
        String serverArgs = o.getOrDefault("server-args", "");
        String jvmArgs = o.getOrDefault("jvm-args", "");
        long interval = Long.parseLong(o.getOrDefault("interval-ms", "0"));
        System.out.printf("%-9s %-7s %9s %8s %8s %8s %8s %8s %7s %13s %11s%n", "instances", "clients", "requests",
                "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "server cpu/req", "pg cpu/req");
        for (int n : instances) {
            String name = "progy_load_" + Long.toHexString(System.nanoTime());
            String database = database(admin, name);
            adminSql(admin, "CREATE DATABASE " + name);
            List<Process> servers = new ArrayList<>();
            try {
                List<Integer> ports = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Process p = startServer(jar, database, jvmArgs, serverArgs);
                    servers.add(p);
                    ports.add(port(p));
                }
                int most = Arrays.stream(levels).max().orElse(1);
                List<String> tokens = new ArrayList<>();
                try (SyncHub hub = SyncHub.open(database, 2, Clock.systemUTC())) {
                    for (int c = 0; c < most; c++) {
                        tokens.add(hub.createAccount("load-" + c));
                    }
                }
                for (int clients : levels) {
                    Result r = run(ports, tokens.subList(0, clients), warmup, seconds, servers, interval);
                    System.out.printf("%-9d %-7d %9d %8.0f %8.1f %8.1f %8.1f %8.1f %7d %11.2f ms %8.2f ms%n", n, clients,
                            r.count(), r.count() / (double) seconds, ms(r.percentile(50)), ms(r.percentile(90)),
                            ms(r.percentile(99)), ms(r.percentile(100)), r.errors(),
                            ms(r.serverCpuNanos()) / Math.max(1, r.count()), ms(r.postgresCpuNanos()) / Math.max(1, r.count()));
                }
            } finally {
                for (Process p : servers) {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
                adminSql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /**
     * @param serverCpuNanos   CPU time the server processes used while measuring
     * @param postgresCpuNanos CPU time every PostgreSQL process used while measuring (other users' sessions too)
     */
    record Result(long[] nanos, long errors, long serverCpuNanos, long postgresCpuNanos) {
        long count() {
            return nanos.length;
        }

        long percentile(double p) {
            if (nanos.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, i))];
        }
    }

    private static long cpu(List<Process> servers) {
        return servers.stream().mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
                .sum();
    }

    static long postgresCpu() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.contains("postgres"))
                .orElse(false)).mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
                .sum();
    }

    /**
     * With {@code intervalMs} 0, each client sends its next request as soon as it has the answer (closed loop: the
     * server's most throughput). Otherwise each client sends one every {@code intervalMs} (from a random start), and
     * a request's latency counts from when it was due, so a server that falls behind is not excused for it.
     */
    private static Result run(List<Integer> ports, List<String> tokens, int warmup, int seconds, List<Process> servers,
                              long intervalMs) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(tokens.size());
        for (int c = 0; c < tokens.size(); c++) {
            long[] mine = new long[Math.max(20_000, 2_000_000 / tokens.size())];
            int[] n = new int[1];
            samples.add(mine);
            counts.add(n);
            int client = c;
            Thread t = new Thread(() -> {
                int port = ports.get(client % ports.size());
                long cursor = 0;
                long attempts = 0;
                Client http = null;
                ready.countDown();
                long interval = TimeUnit.MILLISECONDS.toNanos(intervalMs);
                long due = System.nanoTime() + (interval == 0 ? 0
                        : java.util.concurrent.ThreadLocalRandom.current().nextLong(interval));
                while (!stop.get()) {
                    try {
                        if (interval > 0) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        if (http == null) {
                            http = new Client(port);
                        }
                        attempts++;
                        byte[] body = body(client, attempts, cursor);
                        long start = interval > 0 ? due : System.nanoTime();
                        due += interval;
                        Client.Answer a = http.post("/api/v1/sync", tokens.get(client), body);
                        long took = System.nanoTime() - start;
                        if (a.status() != 200) {
                            if (measuring.get()) {
                                errors.incrementAndGet();
                            }
                            continue;
                        }
                        Matcher m = CURSOR.matcher(a.body());
                        if (m.find()) {
                            cursor = Long.parseLong(m.group(1));
                        }
                        if (measuring.get() && n[0] < mine.length) {
                            mine[n[0]++] = took;
                        }
                    } catch (IOException e) {
                        if (measuring.get()) {
                            errors.incrementAndGet();
                        }
                        if (http != null) {
                            http.close();
                        }
                        http = null;
                    }
                }
                if (http != null) {
                    http.close();
                }
            }, "client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        long serverCpu = cpu(servers);
        long pgCpu = postgresCpu();
        measuring.set(true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        serverCpu = cpu(servers) - serverCpu;
        pgCpu = postgresCpu() - pgCpu;
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < samples.size(); c++) {
            System.arraycopy(samples.get(c), 0, all, at, counts.get(c)[0]);
            at += counts.get(c)[0];
        }
        Arrays.sort(all);
        return new Result(all, errors.get(), serverCpu, pgCpu);
    }

    /** One changed exercise (one more attempt), pushed under a new key, pulling from the client's cursor. */
    private static byte[] body(int client, long attempts, long cursor) throws IOException {
        ProgressRecord record = new ProgressRecord(new ProgressRecord.Key("load-course", ProgressRecord.Kind.EXERCISE,
                "01_basics/01_hello"), ProgressRecord.Status.ATTEMPTED, Map.of("laptop", attempts), Optional.empty(),
                0, 0, 0, Optional.empty(), new TreeSet<>(), new TreeSet<>(), 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        new SyncRequest("c" + client + "-" + attempts, "laptop", cursor, 100, List.of(record)).write(out);
        return out.toByteArray();
    }

    /** A minimal HTTP/1.1 client on one keep-alive connection: the load generator's cost stays small and steady. */
    static final class Client implements AutoCloseable {
        record Answer(int status, String body) { }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Answer post(String path, String token, byte[] body) throws IOException {
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            out.write(all);
            out.flush();
            return read();
        }

        Answer get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read();
        }

        private Answer read() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim();
                String value = l.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                body.write(in.readNBytes((int) length));
            }
            return new Answer(code, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    static Process startServer(Path jar, String database, String jvm, String extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--db", database, "--host", "127.0.0.1", "--port", "0",
                "--rate-write", "100000000/1m"));
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"), "progy-sync-load-server.log").toFile())).start();
    }

    static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 20; i++) { // the JVM may say a few things first (-XX:StartFlightRecording)
            String line = out.readLine();
            if (line == null) {
                break;
            }
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("the server did not say where it listens; see its log in the temporary folder");
    }

    static String database(String admin, String name) {
        URI u = URI.create(admin);
        return u.getScheme() + "://" + u.getRawUserInfo() + "@" + u.getHost() + ":" + u.getPort() + "/" + name;
    }

    static void adminSql(String admin, String sql) throws Exception {
        URI u = URI.create(admin);
        String[] user = u.getUserInfo().split(":", 2);
        Properties p = new Properties();
        p.setProperty("user", user[0]);
        p.setProperty("password", user.length > 1 ? user[1] : "");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort()
                + u.getPath(), p); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
