package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.CourseArchive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's HTTP API as a test calls it, and the courses it publishes. */
final class RegistryClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    RegistryClient(String base) {
        this.base = base;
    }

    RegistryClient(ProgyServer server) {
        this(TestServers.url(server));
    }

    HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    HttpResponse<byte[]> post(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<byte[]> postJson(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<byte[]> delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE().build());
    }

    HttpResponse<byte[]> publish(Path archive, String token, String query) throws IOException, InterruptedException {
        return send(request("/api/v1/publish" + query, token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(archive)).build());
    }

    /** Publishes and waits for the verdict; returns the publish's final status. */
    JsonNode publishAndWait(Path archive, String token, String query) throws Exception {
        HttpResponse<byte[]> r = publish(archive, token, query);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(202);
        return waitFor(json(r).path("id").asText(), token);
    }

    JsonNode waitFor(String publishId, String token) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (true) {
            HttpResponse<byte[]> s = get("/api/v1/publishes/" + publishId, token);
            assertThat(s.statusCode()).as(new String(s.body())).isEqualTo(200);
            JsonNode status = json(s);
            if (!status.path("state").asText().equals("pending")) {
                return status;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the publish is still pending: " + status);
            }
            Thread.sleep(100);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "progy-cli/test");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A copy of the repository's sample course {@code example} under {@code dir}, its id set to {@code id}. */
    static Path sample(String example, Path dir, String id, String version) throws IOException {
        Path from = Path.of("..", "examples", example).toAbsolutePath().normalize();
        Path to = dir.resolve(id.replace('/', '+') + "-" + version);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path json = to.resolve("course.json");
        JsonNode course = JSON.readTree(json.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) course).put("id", id).put("version", version);
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), course);
        return to;
    }

    /** The course folder packed as a {@code .progy} beside it. */
    static Path pack(Path course) {
        Path archive = course.resolveSibling(course.getFileName() + ".progy");
        CourseArchive.pack(course, archive);
        return archive;
    }
}
