package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.account.People;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static dev.progy.server.TelemetryCohort.COURSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instructor's analytics pages in a real headless Chromium, on the scripted cohort of {@link TelemetryCohort}
 * sent through the real telemetry route and rolled up by the daily job: the heatmap's numbers are the cohort's,
 * the exercise with too few students shows no figure (page, chart and CSV), and someone who does not manage the
 * course gets the page of something that is not there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The course analytics pages")
class AnalyticsPagesBrowserTest {

    static final String PASSWORD = WebPagesBrowserTest.PASSWORD;
    static final String PAGE = "/courses/" + COURSE + "/analytics";

    ProgyServer server;
    String base;
    String database;
    People.Person ada;
    People.Person carol;
    People.Person bob;
    final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(20);

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        database = TestDatabases.sqlite(tmp);
        server = TestServers.start(database);
        base = TestServers.url(server);
        ada = server.people().signUp("ada", "ada@example.org", PASSWORD);
        bob = server.people().signUp("bob", "bob@example.org", PASSWORD);
        carol = server.people().signUp("carol", "carol@example.org", PASSWORD);
        TelemetryCohort.course(database, 1, COURSE, ada.account().id());
        for (JsonNode a : TelemetryCohort.send(base, day)) {
            assertThat(a.path("accepted").asInt()).as(a.toString()).isPositive();
        }
        server.telemetry().tick();
        Eventually.await("the cohort's day to be rolled up", Duration.ofSeconds(60),
                () -> server.hub().telemetry().rollUpOf(day.toString()).isPresent());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("the owner sees the heatmap with the cohort's numbers, the planted hard exercise hottest on first "
            + "tries, the small group hidden, and the funnel")
    void ownerSeesTheHeatmap() {
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go(PAGE + "?days=30");
            assertThat(b.heading()).isEqualTo(COURSE + ": where students struggle");
            // exercise, started, first-try failure %, attempts to pass, median time (s), drop-off, left here, hints
            assertThat(b.text("#row-0")).isEqualTo("basics/01-hello 20 0 1.0 5 0 0 0");
            assertThat(b.text("#row-2")).isEqualTo("basics/03-hard 20 80 1.8 8 4 4 8");
            assertThat(b.text("#row-3")).isEqualTo("basics/04-end 16 0 1.0 3 0 13 0");
            assertThat(b.text("#row-4")).isEqualTo("basics/05-bonus <5 <5 <5 <5 <5 <5 <5");
            assertThat(b.has("#row-2 td.heat-5")).isTrue(); // 80 % first-try failure: the hottest of its column
            assertThat(b.text("#funnel")).contains("basics/03-hard").contains("fewer than 5");
            assertThat(b.has("svg#funnel rect.bar")).isTrue();
            b.assertAccessible();
            b.screenshot("analytics-heatmap");
        }
    }

    @Test
    @DisplayName("clicking the planted hard exercise opens its page: attempts until pass (the group of 4 hidden), "
            + "time quartiles and its most seen error")
    void exercisePage() {
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go(PAGE + "?days=30");
            b.click("#row-2 a");
            assertThat(b.heading()).isEqualTo("basics/03-hard in " + COURSE);
            assertThat(b.text("#started")).startsWith("20 installations");
            assertThat(b.text("#attempts tbody")).isEqualTo("1 <5\n2 12");
            assertThat(b.text("#times")).isEqualTo("First quartile 4 s, median 8 s, third quartile 12 s.");
            assertThat(b.text("#signatures tbody")).isEqualTo("compile_error E0308 16");
            b.assertAccessible();
            b.screenshot("analytics-exercise");
            b.go("/courses/" + COURSE + "/analytics/exercise?exercise=basics/05-bonus&days=30");
            assertThat(b.text("#too-few")).contains("Fewer than 5");
        }
    }

    @Test
    @DisplayName("the CSV export has the page's figures, with no figure for the small group")
    void csvExport() throws Exception {
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go(PAGE);
            HttpResponse<String> csv = get(b, PAGE + ".csv?version=1.0.0&days=30");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            List<String> lines = csv.body().lines().toList();
            assertThat(lines).hasSize(6);
            assertThat(lines.get(3)).endsWith(",basics/03-hard,20,80,1.8,8,4,4,8");
            assertThat(lines.get(5)).endsWith(",basics/05-bonus,,,,,,,");
        }
    }

    @Test
    @DisplayName("someone who does not manage the course gets the not-found page, for the page and the CSV")
    void strangerRefused() throws Exception {
        try (Browser b = Browser.open(base)) {
            WebPagesBrowserTest.signIn(b, "bob", PASSWORD);
            b.go(PAGE);
            assertThat(b.heading()).isEqualTo("Page not found");
            assertThat(b.pageText()).doesNotContain("basics/03-hard");
            assertThat(get(b, PAGE + ".csv").statusCode()).isEqualTo(404);
            assertThat(get(b, PAGE + "/exercise?exercise=basics/03-hard").statusCode()).isEqualTo(404);
            b.screenshot("analytics-refused");
        }
        try (Browser b = Browser.open(base)) {
            b.go(PAGE);
            assertThat(b.path()).isEqualTo("/sign-in");
        }
    }

    @Test
    @DisplayName("a member of the course's organisation manages it; someone outside does not")
    void organisationMembers() {
        server.people().createOrganisation("@school", ada.account());
        server.people().setMember("@school", ada.account(), "carol", false);
        TelemetryCohort.course(database, 2, "@school/algebra", ada.account().id());
        assertThat(server.hub().telemetry().manages("@school/algebra", carol.account().id(), "carol")).isTrue();
        assertThat(server.hub().telemetry().manages("@school/algebra", bob.account().id(), "bob")).isFalse();
        assertThat(server.hub().telemetry().manages(COURSE, carol.account().id(), "carol")).isFalse();
    }

    HttpResponse<String> get(Browser b, String path) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        b.cookie("progy_session").ifPresent(c -> r.header("Cookie", "progy_session=" + c.getValue()));
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
