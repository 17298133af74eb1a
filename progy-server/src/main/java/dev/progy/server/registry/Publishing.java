package dev.progy.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.ArchiveContents;
import dev.progy.model.ArchiveLimits;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.CourseVersions;
import dev.progy.error.ProgyException;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Caller;
import dev.progy.server.http.RateLimit;
import dev.progy.server.http.RateLimiter;
import dev.progy.server.jobs.Jobs;
import dev.progy.sync.hub.HubRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The start of a publish: what can be refused without the pipeline (an archive that is no course archive, a name
 * that is not {@code @scope/slug}, a version that is not semantic or exists, a scope the token or account may not
 * publish to, too many publishes), then the archive staged in the blob store, a pending version, and the pipeline's
 * first job queued.
 */
final class Publishing {

    /** What a publish started: its id, the course and version. */
    record Started(String id, String name, String version) { }

    /** The course name a publish must carry: {@code @scope/slug} in the SDK's charset. */
    static final Pattern NAME = Pattern.compile("@([a-z0-9][a-z0-9._-]{0,63})/([a-z0-9][a-z0-9._-]{0,127})");
    private static final int SUMMARY_CHARS = 500;
    private static final SecureRandom IDS = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubRegistry store;
    private final BlobStore blobs;
    private final Jobs jobs;
    private final RateLimiter buckets;
    private final RegistrySettings settings;
    private final Clock clock;

    Publishing(HubRegistry store, BlobStore blobs, Jobs jobs, RateLimiter buckets, RegistrySettings settings,
               Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.jobs = jobs;
        this.buckets = buckets;
        this.settings = settings;
        this.clock = clock;
    }

    /** The limits an archive unpacks within on this server. */
    ArchiveLimits archiveLimits() {
        ArchiveLimits d = ArchiveLimits.DEFAULT;
        return new ArchiveLimits(d.maxEntries(), settings.maxUnpacked(), Math.min(d.maxEntryBytes(),
                settings.maxUnpacked()), d.maxCompressionRatio());
    }

    Started start(Caller caller, byte[] archive, boolean privately) {
        if (archive.length > settings.maxArchive()) {
            throw new ApiException(413, "too_large", "The archive is " + archive.length + " bytes, over the "
                    + settings.maxArchive() + " a course may be on this server; leave dependencies, build output and "
                    + "big data sets out of the course.");
        }
        CourseJson course = read(archive);
        var m = NAME.matcher(course.id());
        if (!m.matches()) {
            throw new ApiException(400, "bad_name", "The course id in course.json is \"" + course.id() + "\"; a "
                    + "published course is named @scope/name (lowercase letters, digits, '.', '_' and '-'), where "
                    + "scope is your account name or an organisation you belong to: set \"id\": \"@"
                    + caller.name() + "/" + slug(course.id()) + "\".");
        }
        String scope = "@" + m.group(1);
        if (CourseVersions.compare(course.version(), course.version()).isEmpty()) {
            throw new ApiException(400, "bad_version", "The version in course.json is \"" + course.version()
                    + "\", which is not a semantic version such as 1.0.0; set \"version\" to one.");
        }
        if (!caller.scopes().contains("publish:" + scope) && !caller.scopes().contains("publish:" + m.group(1))) {
            throw new ApiException(403, "forbidden", "Your token may not publish to " + scope + ": it needs the "
                    + "scope publish:" + m.group(1) + ". Make one with: progy login --scope publish:" + m.group(1));
        }
        if (!store.canPublishTo(scope, caller.account(), caller.name())) {
            throw new ApiException(403, "forbidden", "You may not publish to " + scope + ": it is neither your "
                    + "account's scope (@" + caller.name() + ") nor an organisation you belong to.");
        }
        Optional<HubRegistry.Course> existing = store.course(course.id());
        if (existing.isPresent() && !store.canManage(existing.get(), caller.account(), caller.name())) {
            throw new ApiException(403, "forbidden", "The course " + course.id() + " is managed by others; ask "
                    + "them to add you to " + scope + ".");
        }
        rate(caller, existing.isEmpty());
        String id = newId();
        String staged = "staged/" + id + ".progy";
        blobs.put(staged, archive);
        try {
            store.startPublish(course.id(), scope, course.version(), course.summary(), privately ? "private" : "public",
                    caller.account(), id, staged, archive.length, PublishPipeline.STEPS, clock.millis());
        } catch (HubRegistry.VersionTaken e) {
            blobs.delete(staged);
            throw new ApiException(409, "version_exists", e.getMessage() + " " + e.fixHint());
        }
        jobs.enqueue(PublishPipeline.kind(PublishPipeline.STEPS.get(0)), id, id);
        return new Started(id, course.id(), course.version());
    }

    private void rate(Caller caller, boolean newCourse) {
        RateLimit limit = newCourse ? settings.newCourse() : settings.newVersion();
        String key = "registry " + (newCourse ? "new-course" : "new-version") + " account:" + caller.account() + " "
                + limit.capacity() + "/" + limit.period().toSeconds() + "s";
        Optional<Duration> wait = buckets.take(key, limit);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "rate_limited", "You published " + (newCourse ? "new courses" : "new versions")
                    + " too often (at most " + limit.capacity() + " at once, then one every "
                    + limit.period().dividedBy(limit.capacity()).toSeconds() + " seconds). Try again in " + seconds
                    + " seconds.", Optional.of(seconds));
        }
    }

    /** What course.json says of the course. */
    record CourseJson(String id, String version, String summary) { }

    /** Reads course.json from {@code archive}, refusing what is no course archive. */
    CourseJson read(byte[] archive) {
        Path temp = null;
        try {
            temp = Files.createTempFile("progy-publish-", ".progy");
            Files.write(temp, archive);
            return read(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    CourseJson read(Path archive) {
        try (ArchiveContents contents = ArchiveContents.open(archive, archiveLimits())) {
            Path json = contents.root().resolve("course.json");
            if (!Files.isRegularFile(json)) {
                throw new ApiException(400, "bad_archive", "The archive has no course.json at its top; pack the "
                        + "course folder with progy pack.");
            }
            JsonNode node = JSON.readTree(Files.readAllBytes(json));
            String id = node.path("id").asText("");
            String version = node.path("version").asText("");
            String summary = node.path("description").asText(node.path("name").asText(""));
            if (summary.length() > SUMMARY_CHARS) {
                summary = summary.substring(0, SUMMARY_CHARS);
            }
            return new CourseJson(id, version, summary);
        } catch (ArchiveRejectedException e) {
            throw new ApiException(400, "bad_archive", "The upload is not a course archive this server takes: "
                    + e.getMessage() + ". Pack the course with progy pack.");
        } catch (ProgyException e) {
            throw new ApiException(400, "bad_archive", "The upload is not a .progy course archive: "
                    + e.getMessage() + ". Pack the course with progy pack.");
        } catch (IOException e) {
            throw new ApiException(400, "bad_archive", "The course.json in the archive is not valid JSON; "
                    + "check it with progy validate.");
        }
    }

    private static String slug(String id) {
        String s = id.toLowerCase(java.util.Locale.ROOT).replaceAll("^@[^/]*/", "").replaceAll("[^a-z0-9._-]", "-");
        return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "course" : s;
    }

    private static String newId() {
        byte[] b = new byte[10];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file: the system's cleaning takes it
            }
        }
    }
}
