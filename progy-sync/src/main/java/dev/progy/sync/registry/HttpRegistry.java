package dev.progy.sync.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.model.ArchiveLimits;
import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.error.PublishRejectedException;
import dev.progy.internal.archive.ArchiveInspection;
import dev.progy.internal.registry.CourseMetadata;
import dev.progy.spi.support.ByteSize;
import dev.progy.spi.support.version.SemanticVersion;
import dev.progy.spi.PublishListener;
import dev.progy.spi.PublishStep;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryCourse;
import dev.progy.spi.RegistryEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of a Progy server, over its HTTP API ({@code /api/v1/courses…}, {@code /api/v1/publish}). Every
 * download is checked before it is handed over: its SHA-256 against the server's index, then the server's Ed25519
 * signature of that checksum against the keys this computer pinned for the server ({@link KeyPins}); an archive
 * that fails either is deleted and refused, so a tampered blob store cannot serve a course the server did not
 * publish. A publish uploads the archive and follows the server's checks step by step until the version is live or
 * refused.
 */
public final class HttpRegistry implements Registry {

    private static final String COURSES = "/api/v1/courses";
    private static final String KEYS = "/api/v1/registry/keys";
    private static final String LIMITS = "/api/v1/registry/limits";
    private static final String PUBLISH = "/api/v1/publish";

    private final RegistryCalls calls;
    private final KeyPins pins;
    private final Clock clock;
    private final Duration publishTimeout;

    HttpRegistry(URI server, Optional<String> token, Path configDir, Duration timeout, Duration publishTimeout,
                 Clock clock) {
        this.calls = new RegistryCalls(server, token, timeout, userAgent());
        this.pins = new KeyPins(configDir);
        this.clock = clock;
        this.publishTimeout = publishTimeout;
    }

    /**
     * Pins the signing keys {@code server} shows now, when none are pinned for it yet, as {@code progy login} does;
     * the keys newly pinned (none when they were pinned before). A server without a registry pins nothing.
     */
    public static int pinKeys(URI server, Path configDir, Duration timeout) {
        RegistryCalls calls = new RegistryCalls(server, Optional.empty(), timeout, userAgent());
        RegistryCalls.Answer a = calls.get(KEYS);
        return a.status() == 200 ? new KeyPins(configDir).trust(calls.base(), RegistryKey.fromJson(a.body())).size() : 0;
    }

    /** {@code progy-cli/<version>}: only this client's downloads count in the public figures. */
    public static String userAgent() {
        try (InputStream in = HttpRegistry.class.getResourceAsStream("client-version.txt")) {
            String v = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return "progy-cli/" + (v.isEmpty() || v.startsWith("$") ? "unknown" : v);
        } catch (IOException e) {
            return "progy-cli/unknown";
        }
    }

    @Override
    public List<RegistryEntry> list() {
        List<RegistryEntry> all = new ArrayList<>();
        search("").stream().map(RegistryCourse::name).sorted().distinct().forEach(name -> all.addAll(versions(name)));
        return all;
    }

    @Override
    public List<RegistryEntry> versions(String name) {
        return course(name).map(c -> {
            List<RegistryEntry> entries = new ArrayList<>();
            for (JsonNode v : c.path("versions")) {
                String version = v.path("version").asText("");
                // a course's managers also see versions still being checked, or refused: those are not installable
                boolean live = v.path("state").asText("live").equals("live");
                if (live && SemanticVersion.parse(version).isPresent()) {
                    entries.add(new RegistryEntry(name, version, v.path("sha256").asText(""), v.path("size").asLong(),
                            v.path("yanked").asBoolean(false), Optional.of(v.path("verified").asBoolean(false))));
                }
            }
            entries.sort(Comparator.comparing(e -> SemanticVersion.parse(e.version()).orElseThrow()));
            return entries;
        }).orElse(List.of());
    }

    @Override
    public RegistryEntry yank(String name, String version, boolean yanked) {
        if (!calls.signedIn()) {
            throw new ProgyException("You are not signed in to " + calls.base() + ".",
                    "Sign in with `progy login " + calls.base() + " --scope publish:" + scope(name) + "`, then try again.");
        }
        String path = "/api/v1/courses/" + name + "/" + version + "/yank";
        RegistryCalls.Answer a = calls.send(yanked ? "POST" : "DELETE", path);
        ok(a, (yanked ? "yank " : "un-yank ") + name + " " + version);
        return versions(name).stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> new ProgyException("The server at " + calls.base() + " no longer lists " + name
                        + " " + version + ".", "See `progy info " + name + "`."));
    }

    @Override
    public List<RegistryCourse> search(String words) {
        RegistryCalls.Answer a = calls.get(COURSES + "?sort=name&q=" + URLEncoder.encode(words.trim(), StandardCharsets.UTF_8));
        ok(a, "search its courses");
        List<RegistryCourse> found = new ArrayList<>();
        for (JsonNode c : a.body().path("courses")) {
            String latest = c.path("latest").asText("");
            found.add(new RegistryCourse(c.path("name").asText(), c.path("summary").asText(""),
                    latest.isEmpty() ? Optional.empty() : Optional.of(latest), c.path("downloads").asLong(0)));
        }
        return found;
    }

    /** The server's page about {@code name}, or empty when it does not know the course (or may not show it). */
    private Optional<JsonNode> course(String name) {
        if (CourseName.path(name).isEmpty()) {
            return Optional.empty();
        }
        RegistryCalls.Answer a = calls.get(COURSES + CourseName.path(name).get());
        if (a.status() == 404) {
            return Optional.empty();
        }
        ok(a, "show " + name);
        return Optional.of(a.body());
    }

    @Override
    public Path download(RegistryEntry entry, Path targetDir) {
        String label = entry.name() + "@" + entry.version();
        JsonNode listed = course(entry.name()).flatMap(c -> versionNode(c, entry.version())).orElseThrow(() ->
                new NotFoundException("the registry at " + calls.base() + " has no " + label,
                        "check the name and the version against `progy info " + entry.name() + "`"));
        String sha = listed.path("sha256").asText("").toLowerCase(java.util.Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw refused(label, "the server lists no checksum for it");
        }
        if (!entry.sha256().isEmpty() && !entry.sha256().equalsIgnoreCase(sha)) {
            throw refused(label, "the server now lists another checksum for it than it did a moment ago");
        }
        Path temp = null;
        try {
            Files.createDirectories(targetDir);
            temp = Files.createTempFile(targetDir, ".download-", ".tmp");
            String actual = fetch(CourseName.path(entry.name()).orElseThrow() + "/"
                    + URLEncoder.encode(entry.version(), StandardCharsets.UTF_8) + "/archive", temp, label);
            if (!actual.equals(sha)) {
                throw refused(label, "the archive the server sent is not the one it published (its SHA-256 is "
                        + actual + ", the registry's index says " + sha + ")");
            }
            verifySignature(entry.name(), entry.version(), sha, listed);
            Path target = targetDir.resolve(entry.name().replace('/', '+') + "-" + entry.version() + ".progy");
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return target;
        } catch (IOException e) {
            throw new ProgyException("Could not save " + label + " into " + targetDir + ".",
                    "Check that the folder is writable and the disk has room.", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp file is in the caller's scratch folder, deleted with it
                }
            }
        }
    }

    private static Optional<JsonNode> versionNode(JsonNode course, String version) {
        for (JsonNode v : course.path("versions")) {
            if (v.path("version").asText("").equals(version)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Streams the archive into {@code file}; its SHA-256. */
    private String fetch(String path, Path file, String label) throws IOException {
        RegistryCalls.Download d = calls.download(COURSES + path);
        if (d.status() == 404) {
            throw new NotFoundException("the registry at " + calls.base() + " has no archive of " + label,
                    "check the name and the version against `progy info " + label.substring(0, label.lastIndexOf('@')) + "`");
        }
        if (d.status() != 200) {
            ok(d.refusal(), "send " + label);
        }
        MessageDigest digest = sha256();
        long limit = ArchiveLimits.DEFAULT.maxTotalBytes();
        long total = 0;
        try (InputStream in = d.body(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw refused(label, "the server sent more than the largest archive Progy accepts");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void verifySignature(String name, String version, String sha, JsonNode listed) {
        String signature = listed.path("signature").asText("");
        String keyId = listed.path("key_id").asText("");
        if (signature.isEmpty() || keyId.isEmpty()) {
            throw unsigned(name + "@" + version, "the server did not sign it");
        }
        RegistryKey key = pins.key(calls.base(), keyId, this::serverKeys).orElseThrow(() -> unsigned(name + "@" + version,
                "it is signed with a key (" + keyId + ") that this computer has not pinned for " + calls.base()
                        + " and that no pinned key endorsed"));
        if (!key.verifies(RegistryKey.versionStatement(name, version, sha), signature)) {
            throw unsigned(name + "@" + version, "its signature does not match the server's key " + keyId
                    + ": the registry's index or its archives were changed after it was published");
        }
    }

    private List<RegistryKey> serverKeys() {
        RegistryCalls.Answer a = calls.get(KEYS);
        ok(a, "list its signing keys");
        return RegistryKey.fromJson(a.body());
    }

    /** A download refused because the server's copy is not what it published. */
    private ProgyException refused(String label, String why) {
        return new ProgyException("Refused to install " + label + " from " + calls.base() + ": " + why
                + ". Nothing was installed.", "Tell the server's operator: its stored copy of the course was changed "
                + "or damaged after it was published.");
    }

    /** A download refused because its signature does not check out with the keys pinned for the server. */
    private ProgyException unsigned(String label, String why) {
        return new ProgyException("Refused to install " + label + " from " + calls.base() + ": " + why
                + ". Nothing was installed.", "Tell the server's operator. If they replaced the server's signing key "
                + "without an endorsement from the old one, and confirm it to you, remove the server's entry from "
                + pins.file() + " to trust the new key.");
    }

    @Override
    public RegistryEntry publish(Path archive) {
        return publish(archive, PublishListener.NONE);
    }

    @Override
    public RegistryEntry publish(Path archive, PublishListener listener) {
        String label = String.valueOf(archive.getFileName());
        CourseMetadata course = CourseMetadata.read(ArchiveInspection.courseJson(archive, ArchiveLimits.DEFAULT), label);
        String name = course.name();
        String version = course.version().text();
        if (!name.startsWith("@")) {
            throw new ProgyException("cannot publish " + name + " to " + calls.base() + ": a server's courses are named "
                    + "@scope/name", "set \"id\" in course.json to \"@<your account or organisation>/" + name + "\"");
        }
        if (!calls.signedIn()) {
            throw new ProgyException("Publishing to " + calls.base() + " needs you to be signed in.",
                    "Run `progy login " + calls.base() + " --scope publish:" + scope(name) + "`.");
        }
        checkSize(archive, name + "@" + version);
        RegistryCalls.Answer posted = calls.post(PUBLISH, archive);
        if (posted.status() == 409) {
            throw new ProgyException(name + "@" + version + " is already published on " + calls.base()
                    + "; published versions never change",
                    "raise the version in course.json and publish again");
        }
        if (posted.status() != 202 && posted.status() != 200 && posted.status() != 201) {
            ok(posted, "accept " + name + "@" + version);
        }
        listener.submitted(name, version);
        String follow = posted.body().path("url").asText("/api/v1/publishes/" + posted.body().path("id").asText());
        JsonNode state = follow(follow, listener, name + "@" + version);
        if (state.path("state").asText().equals("rejected")) {
            String report = state.path("report").asText("");
            String sarif = state.path("sarif_url").asText("");
            throw new PublishRejectedException(name + "@" + version + " was refused by the checks of " + calls.base()
                    + " and is not live" + (report.isBlank() ? "." : ":\n" + report.strip()),
                    "fix what the report says, raise the version and publish again", report,
                    sarif.isEmpty() ? Optional.empty() : Optional.of(calls.base() + sarif));
        }
        return versions(name).stream().filter(e -> e.version().equals(version)).findFirst()
                .orElseGet(() -> new RegistryEntry(name, version, dev.progy.CourseArchive.sha256(archive),
                        size(archive), false, Optional.of(state.path("verified").asBoolean(false))));
    }

    /**
     * Refuses an archive larger than the server takes before uploading it: the server would refuse it too, but
     * while the client is still sending, and the connection's reset can then lose its answer. A server that does not
     * say its limits (an older one) is left to answer.
     */
    private void checkSize(Path archive, String label) {
        RegistryCalls.Answer limits = calls.get(LIMITS);
        long max = limits.status() == 200 ? limits.body().path("max_archive_bytes").asLong(0) : 0;
        long size = size(archive);
        if (max > 0 && size > max) {
            String sizeText = ByteSize.format(size);
            String maxText = ByteSize.format(max);
            if (sizeText.equals(maxText)) { // just over: in words both read the same
                sizeText = size + " bytes";
                maxText = max + " bytes";
            }
            throw new ProgyException("The archive of " + label + " is " + sizeText + ", over the " + maxText
                    + " a course may be on " + calls.base() + "; nothing was uploaded.",
                    "Move large or generated files out of the course, or into an excluded folder such as dist/; "
                            + "`progy pack --optimize` makes its images smaller (then publish the .progy it writes). "
                            + "The server's limit is its registry-max-archive setting.");
        }
    }

    /** Polls the publish until it is live or rejected, telling {@code listener} of each step's change. */
    private JsonNode follow(String path, PublishListener listener, String label) {
        Map<String, String> seen = new HashMap<>();
        Instant deadline = clock.instant().plus(publishTimeout);
        long pause = 100;
        for (;;) {
            RegistryCalls.Answer a = calls.get(path);
            ok(a, "show how the publish of " + label + " goes");
            for (JsonNode s : a.body().path("steps")) {
                String step = s.path("step").asText();
                String st = s.path("state").asText();
                String detail = s.path("detail").asText("");
                if (!(st + "\n" + detail).equals(seen.put(step, st + "\n" + detail))) {
                    listener.step(new PublishStep(step, st, detail));
                }
            }
            String state = a.body().path("state").asText("pending");
            if (state.equals("live") || state.equals("rejected")) {
                return a.body();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new ProgyException("The checks of " + label + " on " + calls.base() + " did not finish within "
                        + publishTimeout.toMinutes() + " minutes; it is not live yet.", "They go on on the server: see "
                        + calls.base() + path + " or the course's page later.");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProgyException("Stopped following the publish of " + label + "; the server goes on checking it.",
                        "See " + calls.base() + path + " for how it ends.");
            }
            pause = Math.min(1000, pause * 2);
        }
    }

    private static String scope(String name) {
        return name.substring(1, name.indexOf('/'));
    }

    private void ok(RegistryCalls.Answer a, String what) {
        int status = a.status();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 401) {
            throw new ProgyException("The server at " + calls.base() + " does not accept your saved token (it was revoked "
                    + "or has expired).", "Sign in again with `progy login " + calls.base() + "`.");
        }
        if (status == 403) {
            throw new ProgyException("The server at " + calls.base() + " would not " + what + ": " + a.message(),
                    "Sign in with a token that may: `progy login " + calls.base() + " --scope publish:<scope>` for "
                            + "publishing, and ask the course's owners for access to a private course.");
        }
        if (status == 404 && a.body().isEmpty()) {
            throw new ProgyException("The server at " + calls.base() + " has no registry.",
                    "Check the address, or ask its operator to update the server.");
        }
        if (status == 413 || status == 429 || status == 400 || status == 404 || status == 409) {
            throw new ProgyException("The server at " + calls.base() + " would not " + what + ": " + a.message(),
                    status == 429 ? "Wait a little and try again." : "Fix what it says and try again.");
        }
        throw new ProgyException("The server at " + calls.base() + " could not " + what + ": " + a.message(),
                status >= 500 ? "Try again later; the server's log says more." : "Update Progy, or tell the server's "
                        + "operator.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The URL path of a server course name ({@code @scope/slug} → {@code /scope/slug}). */
    static final class CourseName {
        private static final java.util.regex.Pattern SCOPED =
                java.util.regex.Pattern.compile("@([a-z0-9][a-z0-9._-]*)/([a-z0-9][a-z0-9._-]*)");

        private CourseName() { }

        static Optional<String> path(String name) {
            java.util.regex.Matcher m = SCOPED.matcher(name);
            return m.matches() ? Optional.of("/" + m.group(1) + "/" + m.group(2)) : Optional.empty();
        }
    }

}
