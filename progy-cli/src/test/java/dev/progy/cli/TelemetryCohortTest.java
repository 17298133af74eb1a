package dev.progy.cli;

import dev.progy.sync.hub.HubTelemetry;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's check: a simulated cohort of {@value #STUDENTS} students, each a workspace installed from a real
 * server's registry with telemetry on (its own random installation id), works through a small shell course with the
 * real CLI. Exercise 03 is planted hard (80 % write a wrong answer first), 30 % of the students stop after it, and
 * only 3 students try the bonus. After the server's roll-up of those days, the course's owner signed in over HTTP
 * sees in the CSV export and the heatmap page that 03 is the exercise students fail on the first try, the funnel
 * falling from 100 to 70 after 03 where the script made students stop, and the bonus's figures hidden.
 */
@DisplayName("A cohort of students through the CLI, seen on the instructor's analytics pages")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TelemetryCohortTest {

    static final int STUDENTS = 100;
    static final String COURSE = "@tester/cohort";
    static final List<String> EXERCISES = List.of("01_first", "02_second", "03_hard", "04_fourth", "05_fifth",
            "06_bonus");

    @TempDir
    Path tmp;
    RegistryOnLoopback server;

    @BeforeEach
    void start() throws Exception {
        server = new RegistryOnLoopback(Files.createDirectories(tmp.resolve("server")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Whether student {@code i} writes a wrong answer before the solution in {@code exercise}. */
    static boolean failsFirst(int i, String exercise) {
        return switch (exercise) {
            case "01_first" -> i % 10 == 0;          // 10 %
            case "02_second" -> i % 5 == 0;          // 20 %
            case "03_hard" -> i % 5 != 0;            // 80 %: the planted hard exercise
            case "04_fourth" -> i % 10 == 5;         // 10 of the 70 who go on: 14 %
            default -> false;
        };
    }

    /** Whether student {@code i} stops after passing 03 (30 %). */
    static boolean stopsAfterHard(int i) {
        return i % 10 < 3;
    }

    /** Whether student {@code i} tries the bonus (3 students, under the small-group threshold of 5). */
    static boolean triesBonus(int i) {
        return i % 10 == 3 && i < 30;
    }

    @Test
    @DisplayName("the planted hard exercise has the highest first-try failure, the funnel drops where students "
            + "stopped, and the small group is hidden")
    void cohort() throws Exception {
        CliHarness author = new CliHarness(Files.createDirectories(tmp.resolve("author")));
        server.signIn(author);
        Path course = ShellCourse.write(author.cwd.resolve("course"), 10, """
                if grep -q solved "$2/exercise.py"; then echo ok; exit 0; fi
                echo "expected the word solved" >&2
                exit 1
                """, EXERCISES.toArray(String[]::new));
        Path json = course.resolve("course.json");
        Files.writeString(json, Files.readString(json).replace("\"shell-course\"", "\"" + COURSE + "\""));
        CliHarness.Result published = author.run("publish", course.toString(), "--no-color");
        assertThat(published.code()).as(published.toString()).isZero();

        CliHarness students = new CliHarness(Files.createDirectories(tmp.resolve("students")));
        students.env.put("PROGY_REGISTRY_SERVER", server.url);
        students.env.put("PROGY_TELEMETRY_BACKGROUND", "0");
        Set<String> installations = new HashSet<>();
        long events = 0;
        for (int i = 0; i < STUDENTS; i++) {
            String ws = students.cwd.resolve("ws-" + i).toString();
            ok(students, "init", COURSE, ws, "--no-color");
            ok(students, "telemetry", "on", "--dir", ws);
            for (String ex : EXERCISES) {
                if (ex.equals("06_bonus") && !triesBonus(i)) {
                    break;
                }
                String id = "01_basics/" + ex;
                Path file = Path.of(ws, "content", "01_basics", ex, "exercise.py");
                if (failsFirst(i, ex)) {
                    Files.writeString(file, "print('not yet')\n");
                    CliHarness.Result wrong = students.run("run", id, "--dir", ws);
                    assertThat(wrong.code()).as(wrong.toString()).isNotZero();
                    if (ex.equals("03_hard")) {
                        students.run("hint", id, "--dir", ws);
                    }
                }
                Files.writeString(file, "print('solved')\n");
                ok(students, "run", id, "--dir", ws);
                if (ex.equals("03_hard") && stopsAfterHard(i)) {
                    break;
                }
            }
            String shown = ok(students, "telemetry", "show", "--dir", ws).out();
            installations.add(CliJson.parse(shown).path("installation").asText());
            events += CliJson.parse(shown).path("events").size();
            assertThat(ok(students, "telemetry", "send", "--dir", ws).out()).endsWith(" sent.\n");
        }
        assertThat(installations).hasSize(STUDENTS);

        // the server's daily roll-up, run as its job runs it, once the days are over and 14 quiet days have passed
        try (SyncHub hub = SyncHub.open("sqlite:" + server.dir.resolve("server.db"), 1, Clock.systemUTC())) {
            rollUp(hub.telemetry(), events);
        }


        String session = signIn();
        HttpResponse<String> csv = get(session, "/courses/" + COURSE + "/analytics.csv?version=1.0.0&days=30");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : csv.body().lines().skip(1).toList()) {
            List<String> cells = List.of(line.split(",", -1));
            rows.put(cells.get(4).substring("01_basics/".length()), cells.subList(5, cells.size()));
        }
        // started, first_try_failure_percent, attempts_to_pass, median_time_to_pass_s, drop_off, left_here, hints
        assertThat(rows.keySet()).containsExactlyElementsOf(EXERCISES);
        assertThat(rows.get("01_first")).startsWith("100", "10", "1.1");
        assertThat(rows.get("02_second")).startsWith("100", "20", "1.2");
        assertThat(rows.get("03_hard")).startsWith("100", "80", "1.8").endsWith("0", "30", "80"); // 30 left here
        assertThat(rows.get("04_fourth")).startsWith("70", "14", "1.1");
        assertThat(rows.get("05_fifth")).startsWith("70", "0", "1.0").endsWith("0", "67", "0");
        assertThat(rows.get("06_bonus")).containsOnly("");
        String hottest = rows.entrySet().stream().filter(e -> !e.getValue().get(1).isEmpty())
                .max((a, b) -> Integer.compare(Integer.parseInt(a.getValue().get(1)),
                        Integer.parseInt(b.getValue().get(1)))).orElseThrow().getKey();
        assertThat(hottest).isEqualTo("03_hard");
        // the funnel: students who reached each exercise, falling where the script made students stop
        List<Integer> reached = new ArrayList<>();
        for (String ex : EXERCISES.subList(0, 5)) {
            reached.add(Integer.parseInt(rows.get(ex).get(0)));
        }
        assertThat(reached).containsExactly(100, 100, 100, 70, 70);

        HttpResponse<String> page = get(session, "/courses/" + COURSE + "/analytics?version=1.0.0&days=30");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        // the planted exercise's first-try failure cell is the hottest of its column, and no other row's is
        assertThat(cell(html, 2, 1)).isEqualTo("heat-5:80");
        for (int r : new int[] {0, 1, 3, 4}) {
            assertThat(cell(html, r, 1)).doesNotStartWith("heat-5");
        }
        assertThat(cell(html, 2, 5)).endsWith(":30"); // "left here": where 30 students stopped
        assertThat(cell(html, 5, 0)).isEqualTo("heat-hidden:<5");
        assertThat(html).contains("<title>01_basics/03_hard: 100</title>", "<title>01_basics/04_fourth: 70</title>")
                .doesNotContain("<title>01_basics/06_bonus");

        // someone who does not manage the course gets nothing
        server.server.people().signUp("bob", "bob@example.org", "another long password");
        String bob = signIn("bob@example.org", "another long password");
        assertThat(get(bob, "/courses/" + COURSE + "/analytics.csv").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a student who moved on within the same second is counted as leaving at the further exercise")
    void sameSecond() throws Exception {
        try (SyncHub hub = SyncHub.open("sqlite:" + server.dir.resolve("server.db"), 1, Clock.systemUTC())) {
            long at = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
            long events = 0;
            for (int i = 0; i < 20; i++) {
                String installation = String.format("%032x", i);
                List<HubTelemetry.Event> batch = new ArrayList<>();
                for (String ex : List.of("03_hard", "04_fourth")) {
                    batch.add(new HubTelemetry.Event(installation, "exercise_started", COURSE, "1.0.0",
                            "01_basics/" + ex, 1, 0, at, null, null, null, null));
                    batch.add(new HubTelemetry.Event(installation, "exercise_passed", COURSE, "1.0.0",
                            "01_basics/" + ex, 1, 40, at, null, null, null, null));
                }
                hub.telemetry().store("batch-" + i, batch, "{}");
                events += batch.size();
            }
            rollUp(hub.telemetry(), events);
            Map<String, Long> leftHere = new LinkedHashMap<>();
            for (HubTelemetry.Figures f : hub.telemetry().figures(COURSE, "1.0.0", LocalDate.parse("2026-03-02"),
                    LocalDate.parse("2026-03-02"))) {
                leftHere.put(f.exercise(), f.lastSeen());
            }
            assertThat(leftHere).containsExactly(Map.entry("01_basics/03_hard", 0L),
                    Map.entry("01_basics/04_fourth", 20L));
        }
    }

    /**
     * Rolls up every day with events as the server's daily job does ({@code TelemetryRollUp}), on the day the
     * roll-ups become final: {@value HubTelemetry#INACTIVE_DAYS} quiet days after the last one.
     */
    static void rollUp(HubTelemetry store, long events) {
        List<String> days = store.openDays();
        assertThat(days).isNotEmpty();
        LocalDate later = LocalDate.parse(days.get(days.size() - 1)).plusDays(HubTelemetry.INACTIVE_DAYS + 1);
        long rolled = 0;
        for (String day : days) {
            HubTelemetry.RollUp r = store.rollUp(day, later);
            assertThat(r.done()).isTrue();
            rolled += r.events();
        }
        assertThat(rolled).isEqualTo(events);
    }

    static CliHarness.Result ok(CliHarness cli, String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** Row {@code r}'s measure {@code c} on the heatmap page, as {@code class:text}. */
    static String cell(String html, int r, int c) {
        Matcher row = Pattern.compile("(?s)<tr id=\"row-" + r + "\">(.*?)</tr>").matcher(html);
        assertThat(row.find()).as("row " + r).isTrue();
        Matcher td = Pattern.compile("<td class=\"([^\"]+)\"[^>]*>([^<]*)</td>").matcher(row.group(1));
        for (int i = 0; i <= c; i++) {
            assertThat(td.find()).as("cell " + c + " of row " + r).isTrue();
        }
        return td.group(1) + ":" + td.group(2).replace("&lt;", "<");
    }

    String signIn() throws Exception {
        return signIn("tester@example.org", "correct horse battery");
    }

    /** Signs in through the sign-in form, as a browser does; the session cookie. */
    String signIn(String email, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(server.url + "/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("progy_form="))
                .findFirst().orElseThrow().split(";", 2)[0];
        String csrf = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        String body = "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(server.url + "/sign-in"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("progy_session="))
                .findFirst().orElseThrow(() -> new AssertionError("not signed in: " + in.statusCode() + " "
                        + in.body())).split(";", 2)[0];
    }

    HttpResponse<String> get(String session, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url + path))
                .timeout(Duration.ofSeconds(30)).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
