package dev.progy.guard.markdown;

import dev.progy.guard.rule.Finding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Good answers remembered across runs, for a day, in one small file; never a failure. */
class ReachableLinksTest {

    private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path tmp;

    private ReachableLinks at(Instant now) {
        return new ReachableLinks(tmp.resolve("cache/links.tsv"), ReachableLinks.DEFAULT_TTL, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("a good answer is trusted by later runs for a day, then the URL is asked again")
    void trustedForADay() {
        at(NOON).remember(List.of("https://docs.example.org/intro"));
        assertThat(at(NOON.plus(Duration.ofHours(23))).recentlyReachable("https://docs.example.org/intro")).isTrue();
        assertThat(at(NOON.plus(Duration.ofHours(25))).recentlyReachable("https://docs.example.org/intro")).isFalse();
        assertThat(at(NOON).recentlyReachable("https://docs.example.org/other")).isFalse();
    }

    @Test
    @DisplayName("loopback URLs are never remembered, and NONE remembers nothing")
    void notRemembered() {
        at(NOON).remember(List.of("http://127.0.0.1:8080/x", "http://localhost/y"));
        assertThat(at(NOON).recentlyReachable("http://127.0.0.1:8080/x")).isFalse();
        assertThat(at(NOON).recentlyReachable("http://localhost/y")).isFalse();
        ReachableLinks.NONE.remember(List.of("https://docs.example.org/intro"));
        assertThat(ReachableLinks.NONE.recentlyReachable("https://docs.example.org/intro")).isFalse();
    }

    @Test
    @DisplayName("a damaged cache file is an empty cache, and the next run rewrites it")
    void damaged() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("cache")).resolve("links.tsv");
        Files.write(file, new byte[] {0, (byte) 0xff, '\t', '\n', 'x'});
        assertThat(at(NOON).recentlyReachable("x")).isFalse();
        at(NOON).remember(List.of("https://docs.example.org/intro"));
        assertThat(at(NOON).recentlyReachable("https://docs.example.org/intro")).isTrue();
    }

    @Test
    @DisplayName("a check run remembers the links that answered well, and the next run asks only the others")
    void acrossRuns() throws IOException {
        Path course = Files.createDirectories(tmp.resolve("course"));
        // the course links to a named site; the loopback server stands in for it as a proxy, so no DNS is asked
        Files.writeString(course.resolve("README.md"), "[docs](http://course-site.test/ok)\n[gone](http://course-site.test/status/410)\n");
        try (LinkServer server = new LinkServer()) {
            ProxySelector proxy = ProxySelector.of(new InetSocketAddress("127.0.0.1", server.port()));
            for (Instant run : List.of(NOON, NOON.plus(Duration.ofHours(1)), NOON.plus(Duration.ofHours(30)))) {
                List<Finding> findings = new ExternalLinks(Duration.ofSeconds(5), host -> true, proxy, at(run)).check(course);
                assertThat(findings).extracting(f -> f.rule().id() + " " + f.location()).containsExactly("PG-M004 README.md:2");
            }
            // asked at noon and again a day later, not in between; the broken link every time
            assertThat(server.requests("http://course-site.test/ok")).hasSize(2);
            assertThat(server.requests("http://course-site.test/status/410")).hasSize(6);
        }
    }
}
