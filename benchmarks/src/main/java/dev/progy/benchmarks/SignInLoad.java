package dev.progy.benchmarks;

import dev.progy.server.account.Accounts;
import dev.progy.server.account.People;
import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.HttpSettings;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Probes;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.RateLimits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.SyncHub;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a sign-in costs, and whether the server holds a flood of them: first the Argon2id check of one password,
 * one at a time; then {@code clients} clients each sending wrong-password sign-ins back to back for
 * {@code seconds} (once waiting as a 503's {@code Retry-After} says, once not), through the server's HTTP stack with its default 64 request threads, while one more client asks
 * {@code GET /api/v1/health} every 100 ms. The sign-in route is {@code People.signIn} behind a plain POST, as a
 * sign-in page calls it; it is not rate limited here, so the hashing is what is measured.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.SignInLoad --clients 200 --seconds 20
 * </pre>
 */
public final class SignInLoad {

    private SignInLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SyncLoad.options(args);
        int clients = Integer.parseInt(o.getOrDefault("clients", "200"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        Path dir = Files.createTempDirectory("progy-sign-in-load");
        try (SyncHub hub = SyncHub.open("sqlite:" + dir.resolve("server.db"), 1, Clock.systemUTC())) {
            People people = new People(hub);
            people.signUp("ada", "ada@example.org", "correct horse battery");
            long[] one = new long[15];
            long[] cpu = new long[one.length];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < one.length; i++) {
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                people.signIn("ada@example.org", "correct horse battery");
                one[i] = System.nanoTime() - t;
                cpu[i] = threads.getCurrentThreadCpuTime() - c;
            }
            Arrays.sort(one);
            Arrays.sort(cpu);
            System.out.printf("one sign-in, alone (Argon2id m=64 MiB, t=3, p=1): median %.1f ms (min %.1f ms) of wall "
                    + "time, median %.1f ms (min %.1f ms) of CPU time%n", SyncLoad.ms(one[one.length / 2]),
                    SyncLoad.ms(one[0]), SyncLoad.ms(cpu[cpu.length / 2]), SyncLoad.ms(cpu[0]));
            if (o.containsKey("cost-only")) {
                return;
            }

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            List<Route> routes = new ArrayList<>(Probes.routes(() -> true, metrics, new byte[0]));
            routes.add(Route.post("/bench/sign-in", Access.anyone(), Limits.NO_BODY, x -> {
                boolean in = people.signIn("ada@example.org", "wrong password").isPresent();
                return Reply.json(in ? 200 : 401, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }).rate(RateClass.UNLIMITED));
            HttpServer server = HttpServer.start(routes, new Accounts(hub), RateLimits.none(), metrics,
                    new HttpSettings("127.0.0.1", 0, 64, 8, 2, Duration.ofSeconds(15), Duration.ofSeconds(60), 1024,
                            Duration.ofSeconds(5)));
            try {
                flood(server.port(), clients, seconds, true);
                flood(server.port(), clients, seconds, false);
            } finally {
                server.close();
            }
        }
    }

    private static void flood(int port, int clients, int seconds, boolean honour) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong signInNanos = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                SyncLoad.Client http = null;
                while (!stop.get()) {
                    try {
                        if (http == null) {
                            http = new SyncLoad.Client(port);
                        }
                        long start = System.nanoTime();
                        int status = http.post("/bench/sign-in", "none", new byte[0]).status();
                        signInNanos.addAndGet(System.nanoTime() - start);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 503 && honour) {
                            Thread.sleep(1000); // Retry-After: 1
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (java.io.IOException e) {
                        statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                        if (http != null) {
                            http.close();
                        }
                        http = null;
                    }
                }
                if (http != null) {
                    http.close();
                }
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        List<Long> health = new ArrayList<>();
        long healthFailures = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread.sleep(1000); // the flood under way
        try (SyncLoad.Client probe = new SyncLoad.Client(port)) {
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                try {
                    if (probe.get(Probes.HEALTH).status() != 200) {
                        healthFailures++;
                    }
                } catch (java.io.IOException e) {
                    healthFailures++;
                }
                health.add(System.nanoTime() - start);
                Thread.sleep(100);
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        long[] h = health.stream().mapToLong(Long::longValue).sorted().toArray();
        long answered = statuses.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("%d clients signing in for %d s, %s: %d answers %s, mean %.0f ms each%n", clients, seconds,
                honour ? "each waiting as Retry-After says after a 503" : "each asking again at once after a 503",
                answered, new java.util.TreeMap<>(Map.copyOf(statuses)), SyncLoad.ms(signInNanos.get()) / Math.max(1, answered));
        System.out.printf("GET /api/v1/health meanwhile: %d checks, %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                h.length, healthFailures, SyncLoad.ms(h[h.length / 2]), SyncLoad.ms(h[(int) Math.ceil(0.99 * h.length) - 1]),
                SyncLoad.ms(h[h.length - 1]));
    }
}
