package dev.progy.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.server.db.Database;
import dev.progy.server.http.RateLimit;
import dev.progy.server.http.RateLimiter;
import dev.progy.server.http.TokenBuckets;
import dev.progy.server.tutor.AiPlans;
import dev.progy.server.tutor.AiQuota;
import dev.progy.sync.hub.Quota;
import dev.progy.sync.hub.SyncHub;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The tutor's own cost (issue 15), on loopback: a real server whose model is a local stub that answers at once, so
 * what is timed is ours — the request's parsing, checks, quota and queueing ({@code POST /api/v1/tutor/lessons},
 * timed by the client, HTTP included), and the job's own time without the model's (prompts, parsing, the leak
 * guard, the database writes; recorded by the job). Then the quota check alone ({@link AiQuota#admit}: the rate
 * bucket and the daily quota's conditional UPDATE), {@code n} times back to back.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.TutorLoad --db sqlite --lessons 400
 * java -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.TutorLoad --db "$PROGY_TEST_POSTGRES_URL" --lessons 400
 * </pre>
 */
public final class TutorLoad {

    private static final String DIAGNOSIS = "{\"misconception\": \"You believe the first matching condition is the "
            + "most specific one.\", \"concept\": \"order of conditions\", \"lines\": [{\"file\": \"main.py\", "
            + "\"line\": 2}]}";
    private static final String LESSON = "# Order of conditions\\n\\nCheck the most specific case first.\\n\\n"
            + "```python\\ndef size(n):\\n    if n > 100:\\n        return 'huge'\\n    if n > 10:\\n        return "
            + "'big'\\n    return 'small'\\n```\\n\\n**Question:** what does `size(500)` return if the checks are "
            + "swapped?\\n\\nSee *Checking several conditions* in the README.";

    private TutorLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SyncLoad.options(args);
        String db = o.getOrDefault("db", "sqlite");
        int lessons = Integer.parseInt(o.getOrDefault("lessons", "400"));
        String database;
        if (db.equals("sqlite")) {
            database = "sqlite:" + Files.createTempDirectory("progy-tutor").resolve("server.db");
        } else {
            String n = "progy_tutor_" + Long.toHexString(System.nanoTime());
            SyncLoad.adminSql(db, "CREATE DATABASE " + n);
            database = SyncLoad.database(db, n);
        }
        HttpServer model = stubModel();
        Map<String, String> options = new HashMap<>();
        options.put("db", database);
        options.put("host", "127.0.0.1");
        options.put("port", "0");
        options.put("ai-key", "sk-bench");
        options.put("ai-base-url", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        options.put("ai-plans", "free:lessons=unlimited,tokens=unlimited");
        options.put("rate-ai", "100000000/1m");
        options.put("ai-master-key-file", Files.createTempDirectory("progy-tutor-key").resolve("k").toString());
        try (ProgyServer server = ProgyServer.start(ServerConfig.load(options, Map.of()))) {
            server.accounts().create("bench");
            String token = server.accounts().createToken("bench", Set.of("ai"), Optional.empty(), "t");
            String url = "http://127.0.0.1:" + server.port() + "/api/v1/tutor/lessons";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            post(http, url, token, lessons / 4, 0); // warm-up
            waitDone(server, lessons / 4);
            server.tutor().clearOverheads();
            long[] posts = post(http, url, token, lessons, 1_000_000);
            waitDone(server, lessons);
            long[] own = server.tutor().overheads();
            System.out.printf("database %s, %d lessons one after another%n", db.equals("sqlite") ? "SQLite" : "PostgreSQL",
                    lessons);
            print("POST /api/v1/tutor/lessons (client, HTTP included)", posts);
            print("the job's own time, model excluded", own);
        } finally {
            model.stop(0);
        }
        quotaCheck(database, Integer.parseInt(o.getOrDefault("checks", "20000")));
        if (!db.equals("sqlite")) {
            SyncLoad.adminSql(db, "DROP DATABASE IF EXISTS " + database.substring(database.lastIndexOf('/') + 1)
                    + " WITH (FORCE)");
        }
    }

    /** The quota check alone: the rate bucket (shared rows on PostgreSQL) and the daily quota's conditional UPDATE. */
    private static void quotaCheck(String database, int n) {
        try (Database db = Database.open(database, 4, null);
             SyncHub hub = SyncHub.open(db.pool(), db.spec(), Clock.systemUTC(), Quota.DEFAULT)) {
            RateLimiter buckets = db.spec().postgres() ? TokenBuckets.shared(db.bucketPool()) : TokenBuckets.inMemory();
            RateLimit rate = new RateLimit(100_000_000, Duration.ofMinutes(1));
            AiPlans plans = AiPlans.parse("free:lessons=unlimited,tokens=unlimited");
            AiQuota quota = new AiQuota(hub.tutor(), plans, Clock.systemUTC());
            long account = hub.tutor().accountId("bench").orElseThrow();
            AiPlans.Plan plan = plans.planOr(Optional.empty());
            for (int i = 0; i < n / 4; i++) {
                buckets.take("POST /api/v1/tutor/lessons account:" + account, rate);
                quota.admit(account, plan);
            }
            long[] t = new long[n];
            long[] q = new long[n];
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                buckets.take("POST /api/v1/tutor/lessons account:" + account, rate);
                long m = System.nanoTime();
                quota.admit(account, plan);
                long e = System.nanoTime();
                t[i] = e - s;
                r[i] = m - s;
                q[i] = e - m;
            }
            Arrays.sort(t);
            Arrays.sort(q);
            Arrays.sort(r);
            print("quota check (the AI rate bucket + AiQuota.admit's daily quota upsert)", t);
            print("  the daily quota alone (AiQuota.admit)", q);
            print("  the per-minute rate bucket alone (Bucket4j)", r);
            buckets.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] post(HttpClient http, String url, String token, int n, int offset) throws Exception {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            String body = "{\"course\": \"@bench/python\", \"version\": \"1.0.0\", \"exercise\": \"basics/fizzbuzz\", "
                    + "\"test\": \"test_15\", \"failures\": 3, \"output\": \"attempt " + (offset + i) + "\", "
                    + "\"files\": [{\"path\": \"main.py\", \"content\": \"def fizzbuzz(n):\\n    if n % 3 == 0:\\n"
                    + "        return 'Fizz'\\n    return str(n)\\n\"}], \"readme\": \"# FizzBuzz\", "
                    + "\"hints\": [\"Which case comes first?\"]}";
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long s = System.nanoTime();
            HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
            t[i] = System.nanoTime() - s;
            if (a.statusCode() != 202) {
                throw new IllegalStateException("lesson refused: " + a.statusCode() + " " + a.body());
            }
        }
        Arrays.sort(t);
        return t;
    }

    private static void waitDone(ProgyServer server, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (server.tutor().overheads().length < Math.min(n, 4096) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    private static void print(String what, long[] sorted) {
        System.out.printf("%-70s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    /** An OpenAI-compatible model that answers at once: a diagnosis, then a lesson, in turn. */
    private static HttpServer stubModel() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stub-model");
            t.setDaemon(true); // the run ends when main does
            return t;
        }));
        s.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = body.contains("micro-lesson in Markdown") ? LESSON
                    : DIAGNOSIS.replace("\"", "\\\"");
            byte[] out = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                    + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":"
                    + "\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        s.start();
        return s;
    }
}
