package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.progy.server.registry.DownloadCounter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish steps that change or judge what goes live: images, external links; and downloads being counted. */
@DisplayName("The publish steps")
class RegistryStepsTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the live archive is the one with optimized images: a PNG becomes WebP, the Markdown points at it, "
            + "and the signed checksum is the optimized archive's")
    void imagesOptimized() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "registry-solution-runs", "off")) {
            RegistryClient api = new RegistryClient(server);
            server.accounts().create("ada");
            String ada = server.accounts().createToken("ada", Set.of("publish:ada"), Optional.empty(), "p");
            Path course = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
            Path lesson = course.resolve("content/01_basics/01_hello");
            ImageIO.write(picture(), "png", lesson.resolve("diagram.png").toFile());
            Files.writeString(lesson.resolve("README.md"), Files.readString(lesson.resolve("README.md"))
                    + "\n![A diagram](diagram.png)\n");
            Path archive = RegistryClient.pack(course);

            JsonNode status = api.publishAndWait(archive, ada, "");

            assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
            assertThat(status.path("steps").get(5).path("detail").asText()).contains("1 image(s) optimized");
            HttpResponse<byte[]> live = api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null);
            Map<String, byte[]> files = unzip(live.body());
            String webp = files.keySet().stream().filter(f -> f.matches("content/01_basics/01_hello/diagram\\.[0-9a-f]+"
                    + "\\.webp")).findFirst().orElseThrow(() -> new AssertionError("no WebP in " + files.keySet()));
            assertThat(files.keySet()).doesNotContain("content/01_basics/01_hello/diagram.png");
            assertThat(new String(files.get("content/01_basics/01_hello/README.md"), StandardCharsets.UTF_8))
                    .contains("(" + webp.substring(webp.lastIndexOf('/') + 1) + ")");
            assertThat(java.util.Arrays.equals(live.body(), Files.readAllBytes(archive))).isFalse();
            assertThat(status.path("sha256").asText()).isEqualTo(live.headers().firstValue("X-Progy-Sha256")
                    .orElseThrow());
        }
    }

    /** A photo-like picture: smooth colours with grain, which WebP stores in far fewer bytes than PNG. */
    static BufferedImage picture() {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = Math.min(255, x / 2 + random.nextInt(12));
                int g = Math.min(255, y / 2 + random.nextInt(12));
                int b = Math.min(255, (x + y) / 4 + random.nextInt(12));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("with link checks on, a link that answers 404 rejects the publish; one that answers 503 is a "
            + "warning and the course goes live")
    void links() throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/gone", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        site.createContext("/busy", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        site.start();
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "registry-solution-runs", "off",
                "registry-links", "on")) {
            RegistryClient api = new RegistryClient(server);
            server.accounts().create("ada");
            String ada = server.accounts().createToken("ada", Set.of("publish:ada"), Optional.empty(), "p");

            Path broken = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
            Files.writeString(broken.resolve("README.md"), "# Java\n\nSee [the docs](" + base + "/gone).\n");
            JsonNode rejected = api.publishAndWait(RegistryClient.pack(broken), ada, "");
            assertThat(rejected.path("state").asText()).as(rejected.toString()).isEqualTo("rejected");
            JsonNode links = rejected.path("steps").get(3);
            assertThat(links.path("state").asText()).isEqualTo("failed");
            assertThat(links.path("detail").asText()).contains("PG-M004").contains("/gone");

            Path busy = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.1");
            Files.writeString(busy.resolve("README.md"), "# Java\n\nSee [the docs](" + base + "/busy).\n");
            JsonNode live = api.publishAndWait(RegistryClient.pack(busy), ada, "");
            assertThat(live.path("state").asText()).as(live.toString()).isEqualTo("live");
            assertThat(live.path("steps").get(3).path("state").asText()).isEqualTo("warning");
            assertThat(live.path("steps").get(3).path("detail").asText()).contains("PG-M005");
        } finally {
            site.stop(0);
        }
    }

    @Test
    @DisplayName("each archive served is told to the download counter, with who asked and their client; refusals "
            + "are not")
    void downloadsCounted() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        DownloadCounter counter = (course, version, account, address, agent) ->
                served.add(course + " " + version + " " + account.orElse("-") + " " + address + " " + agent);
        try (ProgyServer server = ProgyServer.start(TestServers.config(TestDatabases.sqlite(tmp),
                "registry-solution-runs", "off"), counter)) {
            RegistryClient api = new RegistryClient(server);
            server.accounts().create("ada");
            String ada = server.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "p");
            api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics",
                    "1.0.0")), ada, "?visibility=private");

            assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/v1/courses/@ada/java-basics/2.0.0/archive", ada).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", ada).statusCode()).isEqualTo(200);

            assertThat(new ArrayList<>(served)).containsExactly(
                    "@ada/java-basics 1.0.0 ada 127.0.0.1 progy-cli/test");
        }
    }
}
