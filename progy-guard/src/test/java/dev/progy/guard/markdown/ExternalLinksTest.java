package dev.progy.guard.markdown;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --check-external}: every http(s) link of a course's Markdown asked once, against a real HTTP server on
 * loopback; DNS answers are injected, so no test leaves the machine.
 */
class ExternalLinksTest {

    /** Generous for loopback on a busy machine; the timeout test sets its own. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path course;

    private LinkServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LinkServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ExternalLinks links(Duration timeout, HostLookup hosts) {
        return new ExternalLinks(timeout, hosts, HttpClient.Builder.NO_PROXY, ReachableLinks.NONE);
    }

    private List<Finding> check(String markdown) throws IOException {
        Files.writeString(course.resolve("README.md"), markdown);
        return links(TIMEOUT, host -> true).check(course);
    }

    private static List<String> located(List<Finding> findings) {
        return findings.stream().map(f -> f.rule().id() + " " + f.location()).toList();
    }

    @Test
    @DisplayName("a page that answers 200 gives no finding, after one HEAD sent as progy-guard")
    void reachable() throws IOException {
        assertThat(check("# Links\n\nSee [the docs](" + server.url("/ok") + ").\n")).isEmpty();
        assertThat(server.requests()).containsExactly("HEAD /ok");
        assertThat(server.userAgents()).containsExactly("progy-guard");
    }

    @Test
    @DisplayName("a page that answers 404 or 410 is a broken link: an error on the line it is written, naming the URL and status")
    void broken() throws IOException {
        List<Finding> findings = check("# Links\n\n[missing](" + server.url("/status/404") + ")\n\n![gone]("
                + server.url("/status/410") + ")\n");
        assertThat(located(findings)).containsExactly("PG-M004 README.md:3", "PG-M004 README.md:5");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings.get(0).message()).contains(server.url("/status/404"), "HTTP 404 (not found)");
        assertThat(findings.get(1).message()).contains(server.url("/status/410"), "HTTP 410 (gone)");
        assertThat(findings.get(0).fix()).isNotBlank();
    }

    @Test
    @DisplayName("a server that refuses HEAD (405) is asked again with GET, and the page it then serves is fine")
    void headRefused() throws IOException {
        assertThat(check("[x](" + server.url("/no-head") + ")\n")).isEmpty();
        assertThat(server.requests()).containsExactly("HEAD /no-head", "GET /no-head");
    }

    @Test
    @DisplayName("503 and 429 are warnings, since the server may be back later; a 429 is not asked again at once")
    void unreachableNow() throws IOException {
        List<Finding> findings = check("[busy](" + server.url("/status/503") + ")\n[slow down](" + server.url("/status/429") + ")\n");
        assertThat(located(findings)).containsExactly("PG-M005 README.md:1", "PG-M005 README.md:2");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(findings.get(0).message()).contains("HTTP 503");
        assertThat(findings.get(1).message()).contains("HTTP 429 (too many requests)");
        assertThat(server.requests("/status/429")).containsExactly("HEAD /status/429");
    }

    @Test
    @Timeout(20)
    @DisplayName("a server that does not answer within the timeout gives a warning that names the timeout")
    void timeout() throws IOException {
        Files.writeString(course.resolve("README.md"), "\n[hangs](" + server.url("/hang") + ")\n");
        List<Finding> findings = links(Duration.ofMillis(300), host -> true).check(course);
        assertThat(located(findings)).containsExactly("PG-M005 README.md:2");
        assertThat(findings.get(0).message()).contains("no answer within 300 ms");
    }

    @Test
    @DisplayName("a port where nothing listens gives a warning, not an error: the server may be restarting")
    void refused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<Finding> findings = check("[down](http://127.0.0.1:" + closedPort + "/page)\n");
        assertThat(located(findings)).containsExactly("PG-M005 README.md:1");
        assertThat(findings.get(0).message()).contains("refused");
    }

    @Test
    @DisplayName("redirects are followed: a 301 to a page is fine, a 301 to a 404 is broken")
    void redirects() throws IOException {
        List<Finding> findings = check("[moved](" + server.url("/moved") + ")\n[moved away](" + server.url("/moved-away") + ")\n");
        assertThat(located(findings)).containsExactly("PG-M004 README.md:2");
        assertThat(server.requests("/ok")).containsExactly("HEAD /ok");
    }

    @Test
    @DisplayName("a URL used in three files (once with a fragment) is asked once, and each use of a broken one is a finding")
    void askedOnce() throws IOException {
        for (String name : List.of("a.md", "b.md", "c.md")) {
            String fragment = name.equals("c.md") ? "#install" : "";
            Files.writeString(course.resolve(name), "# " + name + "\n[good](" + server.url("/ok") + fragment + ")\n[bad]("
                    + server.url("/status/404") + ")\n");
        }
        List<Finding> findings = links(TIMEOUT, host -> true).check(course);
        assertThat(located(findings)).containsExactly("PG-M004 a.md:3", "PG-M004 b.md:3", "PG-M004 c.md:3");
        assertThat(server.requests("/ok")).containsExactly("HEAD /ok");
        assertThat(server.requests("/status/404")).containsExactly("HEAD /status/404", "GET /status/404");
    }

    @Test
    @DisplayName("a page behind a login (401, 403) counts as reachable")
    void behindLogin() throws IOException {
        assertThat(check("[a](" + server.url("/status/401") + ") [b](" + server.url("/status/403") + ")\n")).isEmpty();
    }

    @Test
    @DisplayName("links in code spans and code blocks, and mailto links, are not requested")
    void notLinks() throws IOException {
        assertThat(check("`[a](" + server.url("/in-span") + ")`\n\n```\n[b](" + server.url("/in-block")
                + ")\n```\n\n[mail](mailto:someone@example.com)\n")).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("a host DNS does not know is a broken link, and nothing is sent")
    void unknownHost() throws IOException {
        Files.writeString(course.resolve("README.md"), "# Links\n[old site](https://course-site.invalid/intro)\n");
        List<Finding> findings = links(TIMEOUT, host -> !host.endsWith(".invalid")).check(course);
        assertThat(located(findings)).containsExactly("PG-M004 README.md:2");
        assertThat(findings.get(0).message()).contains("https://course-site.invalid/intro", "no host course-site.invalid");
    }

    @Test
    @DisplayName("when DNS knows no name at all (an offline machine), an unknown host is only a warning")
    void offline() throws IOException {
        Files.writeString(course.resolve("README.md"), "[site](https://course-site.invalid/intro)\n");
        List<Finding> findings = links(TIMEOUT, host -> false).check(course);
        assertThat(located(findings)).containsExactly("PG-M005 README.md:1");
        assertThat(findings.get(0).message()).contains("offline");
    }

    @Test
    @DisplayName("the system's host lookup knows localhost and gives no address to a name that cannot exist")
    void systemLookup() {
        assertThat(HostLookup.SYSTEM.exists("localhost")).isTrue();
        // a name with a label of 64 characters is refused by the resolver library itself: no query leaves the machine
        assertThat(HostLookup.SYSTEM.exists("x".repeat(64) + ".invalid")).isFalse();
    }
}
