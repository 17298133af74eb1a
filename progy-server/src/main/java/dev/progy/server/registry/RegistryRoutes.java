package dev.progy.server.registry;

import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Caller;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry's routes (described in openapi.json): publishing and following a publish, the course list and a course,
 * its archives, yanking, sharing a private course with an account, an admin's delete, and the signing keys.
 *
 * <p>Visibility is checked on every route that names a course: a private course is answered exactly as a course
 * that does not exist (404, the same message, no caching headers) to anyone who may not see it: anonymous callers,
 * other accounts, and tokens without the {@code read} scope or a {@code publish} scope of the course's scope.
 */
public final class RegistryRoutes {

    /** Any token scope {@code publish:<scope>}; the handler checks it covers the course. */
    static final String PUBLISH = "publish:*";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Registry registry;
    private final HubRegistry store;
    private final DownloadCounter counter;

    private RegistryRoutes(Registry registry, DownloadCounter counter) {
        this.registry = registry;
        this.store = registry.store();
        this.counter = counter;
    }

    public static List<Route> routes(Registry registry, DownloadCounter counter) {
        RegistryRoutes r = new RegistryRoutes(registry, counter);
        String course = "/api/v1/courses/{scope}/{slug}";
        return List.of(
                Route.get("/api/v1/registry/keys", Access.anyone(), x -> r.keys()),
                Route.get("/api/v1/registry/limits", Access.anyone(), x -> r.limits()),
                Route.post("/api/v1/publish", Access.scope(PUBLISH),
                        new Limits(registry.settings().maxArchive(), 0, 0), r::publish),
                Route.get("/api/v1/publishes/{id}", Access.scope(PUBLISH), r::status),
                Route.get("/api/v1/publishes/{id}/sarif", Access.scope(PUBLISH), r::sarif),
                Route.get("/api/v1/courses", Access.anyone(), r::list),
                Route.get(course, Access.anyone(), r::info),
                Route.delete(course, Access.scope("admin").role("admin"), r::delete),
                Route.get(course + "/{version}/archive", Access.anyone(), r::archive),
                Route.post(course + "/{version}/yank", Access.scope(PUBLISH), Limits.NO_BODY, x -> r.yank(x, true)),
                Route.delete(course + "/{version}/yank", Access.scope(PUBLISH), x -> r.yank(x, false)),
                Route.post(course + "/readers", Access.scope(PUBLISH), new Limits(1024, 2, 200), r::share));
    }

    /** What a publish may upload, so a client can say so before it sends a body the server would cut off. */
    private Reply limits() {
        return Reply.json(200, HttpServer.json(g -> {
            g.writeNumberField("max_archive_bytes", registry.settings().maxArchive());
            g.writeNumberField("max_unpacked_bytes", registry.settings().maxUnpacked());
        }));
    }

    private Reply keys() {
        List<HubRegistry.Key> keys = registry.keys().all();
        return Reply.json(200, HttpServer.json(g -> {
            g.writeArrayFieldStart("keys");
            for (HubRegistry.Key k : keys) {
                g.writeStartObject();
                g.writeStringField("id", k.id());
                g.writeStringField("algorithm", "Ed25519");
                g.writeStringField("public_key", k.publicKey());
                g.writeStringField("created", Instant.ofEpochMilli(k.createdMs()).toString());
                g.writeStringField("endorsed_by", k.endorsedBy().orElse(null));
                g.writeStringField("endorsement", k.endorsement().orElse(null));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("current", keys.stream().filter(HubRegistry.Key::current).map(HubRegistry.Key::id)
                    .findFirst().orElse(null));
        }));
    }

    private Reply publish(Exchange x) {
        String type = x.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/octet-stream")) {
            throw new ApiException(415, "unsupported_media_type", "Send the .progy archive as the body, with "
                    + "Content-Type: application/octet-stream.");
        }
        boolean privately = x.query("visibility").map(v -> v.equals("private")).orElse(false);
        Publishing.Started s = registry.publishing().start(x.caller(), x.bytes(), privately);
        return Reply.json(202, HttpServer.json(g -> {
            g.writeStringField("id", s.id());
            g.writeStringField("name", s.name());
            g.writeStringField("version", s.version());
            g.writeStringField("state", HubRegistry.PENDING);
            g.writeStringField("url", "/api/v1/publishes/" + s.id());
        })).with("Location", "/api/v1/publishes/" + s.id());
    }

    /** A publish the caller may follow: they made it, or manage its course; else 404. */
    private HubRegistry.Version followed(Exchange x) {
        String id = x.pathParam("id");
        Caller caller = x.caller();
        Optional<HubRegistry.Version> v = store.publish(id);
        if (v.isPresent() && (v.get().publisherId() == caller.account()
                || store.course(v.get().course()).map(c -> store.canManage(c, caller.account(), caller.name()))
                .orElse(false))) {
            return v.get();
        }
        throw new ApiException(404, "not_found", "There is no publish " + id + " of yours.");
    }

    private Reply status(Exchange x) {
        HubRegistry.Version v = followed(x);
        List<HubRegistry.Step> steps = store.steps(v.id());
        List<dev.progy.guard.rule.Finding> findings = findings(steps);
        boolean guarded = steps.stream().anyMatch(s -> s.step().equals("guard") && !s.state().equals("waiting")
                && !s.state().equals("running"));
        return Reply.json(200, HttpServer.json(g -> {
            g.writeStringField("id", v.publishId());
            g.writeStringField("name", v.course());
            g.writeStringField("version", v.version());
            g.writeStringField("state", v.state());
            g.writeBooleanField("verified", v.verified());
            g.writeArrayFieldStart("steps");
            for (HubRegistry.Step s : steps) {
                g.writeStartObject();
                g.writeStringField("step", s.step());
                g.writeStringField("state", s.state());
                g.writeStringField("detail", s.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("report", guarded || !findings.isEmpty() ? GuardFindings.text(v.course() + "@"
                    + v.version(), findings) : null);
            g.writeStringField("sarif_url", "/api/v1/publishes/" + v.publishId() + "/sarif");
            v.sha256().ifPresent(sha -> {
                try {
                    g.writeStringField("sha256", sha);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }));
    }

    private Reply sarif(Exchange x) {
        HubRegistry.Version v = followed(x);
        return Reply.text(200, "application/sarif+json", GuardFindings.sarif(v.course() + "@" + v.version(),
                findings(store.steps(v.id()))));
    }

    private static List<dev.progy.guard.rule.Finding> findings(List<HubRegistry.Step> steps) {
        List<dev.progy.guard.rule.Finding> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(GuardFindings.fromJson(s.findings())));
        return all;
    }

    private Reply list(Exchange x) {
        Optional<Caller> who = x.bearer().filter(c -> c.scopes().contains("read")
                || c.scopes().stream().anyMatch(s -> s.startsWith("publish:")));
        List<String> words = Arrays.stream(x.query("q").orElse("").toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isBlank()).limit(10).toList();
        String sort = x.query("sort").orElse("name");
        if (!List.of("downloads", "name", "updated").contains(sort)) {
            throw new ApiException(400, "bad_request", "sort is downloads, name or updated, not \"" + sort + "\".");
        }
        List<HubRegistry.Listed> found = store.search(words, who.map(Caller::account), who.map(Caller::name), sort,
                200);
        return Reply.json(200, HttpServer.json(g -> {
            g.writeArrayFieldStart("courses");
            for (HubRegistry.Listed l : found) {
                g.writeStartObject();
                g.writeStringField("name", l.name());
                g.writeStringField("summary", l.summary());
                g.writeStringField("latest", l.latest());
                g.writeNumberField("downloads", l.downloads());
                g.writeEndObject();
            }
            g.writeEndArray();
        })).with("Cache-Control", who.isPresent() ? "private, no-store" : "public, max-age=60");
    }

    /** The course name the path gives, {@code @scope/slug}; the scope may come with or without its {@code @}. */
    private static String nameIn(Exchange x) {
        return "@" + x.pathParam("scope").replaceFirst("^@", "") + "/" + x.pathParam("slug");
    }

    /** The course the path names, if the caller may see it; else 404, as for a course that does not exist. */
    private Visible visible(Exchange x) {
        String name = nameIn(x);
        Optional<HubRegistry.Course> course = Publishing.NAME.matcher(name).matches() ? store.course(name)
                : Optional.empty();
        Optional<Caller> who = course.flatMap(c -> x.bearer().filter(b -> b.scopes().contains("read")
                || b.scopes().contains("publish:" + c.scope()) || b.scopes().contains("publish:"
                + c.scope().substring(1))));
        if (course.isEmpty() || !store.canRead(course.get(), who.map(Caller::account), who.map(Caller::name))) {
            throw new ApiException(404, "not_found", "There is no course " + name + ".");
        }
        boolean manager = who.isPresent() && store.canManage(course.get(), who.get().account(), who.get().name());
        return new Visible(course.get(), who, manager);
    }

    private record Visible(HubRegistry.Course course, Optional<Caller> who, boolean manager) { }

    private Reply info(Exchange x) {
        Visible v = visible(x);
        List<HubRegistry.Version> versions = store.versions(v.course().id()).stream()
                .filter(ver -> v.manager() || ver.state().equals(HubRegistry.LIVE)).toList();
        return Reply.json(200, HttpServer.json(g -> {
            g.writeStringField("name", v.course().name());
            g.writeStringField("summary", v.course().summary());
            g.writeStringField("visibility", v.course().visibility());
            g.writeArrayFieldStart("versions");
            for (HubRegistry.Version ver : versions) {
                g.writeStartObject();
                g.writeStringField("version", ver.version());
                if (!ver.state().equals(HubRegistry.LIVE)) {
                    g.writeStringField("state", ver.state());
                    g.writeStringField("publish", "/api/v1/publishes/" + ver.publishId());
                }
                g.writeStringField("sha256", ver.sha256().orElse(null));
                g.writeNumberField("size", ver.size());
                g.writeStringField("signature", ver.signature().orElse(null));
                g.writeStringField("key_id", ver.keyId().orElse(null));
                g.writeBooleanField("yanked", ver.yanked());
                g.writeBooleanField("verified", ver.verified());
                g.writeStringField("published", ver.liveMs().map(ms -> Instant.ofEpochMilli(ms).toString())
                        .orElse(null));
                g.writeEndObject();
            }
            g.writeEndArray();
        })).with("Cache-Control", v.course().isPrivate() ? "private, no-store" : "public, max-age=60");
    }

    private Reply archive(Exchange x) {
        Visible v = visible(x);
        String version = x.pathParam("version");
        Optional<HubRegistry.Version> live = store.version(v.course().id(), version)
                .filter(ver -> ver.state().equals(HubRegistry.LIVE) && ver.sha256().isPresent());
        if (live.isEmpty()) {
            throw new ApiException(404, "not_found", "There is no published version " + version + " of "
                    + v.course().name() + ".");
        }
        String sha = live.get().sha256().get();
        byte[] bytes;
        Optional<InputStream> in = registry.blobs().get(PublishPipeline.archiveKey(sha));
        if (in.isEmpty()) {
            throw new IllegalStateException("the archive of " + v.course().name() + "@" + version + " is missing "
                    + "from the blob store");
        }
        try (InputStream s = in.get()) {
            bytes = s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Reply reply = new Reply(200, "application/octet-stream", bytes)
                .with("ETag", "\"" + sha + "\"")
                .with("X-Progy-Sha256", sha)
                .with("Cache-Control", v.course().isPrivate() ? "private, no-store" : "public, max-age=31536000, immutable")
                .with("Content-Disposition", "attachment; filename=\"" + v.course().name().substring(1)
                        .replace('/', '-') + "-" + version + ".progy\"");
        counter.served(v.course().name(), version, v.who().map(Caller::name), x.remoteAddress(),
                x.header("User-Agent").orElse(""));
        return reply;
    }

    /**
     * The course the path names, if the caller manages it with a token of its scope: 404 when they may not see it
     * (as for a course that does not exist), 403 when they see it but do not manage it.
     */
    private HubRegistry.Course managed(Exchange x, String what) {
        Caller caller = x.caller();
        String name = nameIn(x);
        Optional<HubRegistry.Course> course = Publishing.NAME.matcher(name).matches() ? store.course(name)
                : Optional.empty();
        if (course.isEmpty() || !store.canRead(course.get(), Optional.of(caller.account()),
                Optional.of(caller.name()))) {
            throw new ApiException(404, "not_found", "There is no course " + name + ".");
        }
        String scope = course.get().scope();
        if (!caller.scopes().contains("publish:" + scope) && !caller.scopes().contains("publish:" + scope.substring(1))
                || !store.canManage(course.get(), caller.account(), caller.name())) {
            throw new ApiException(403, "forbidden", "Only the managers of " + name + ", with a token of scope publish:"
                    + scope.substring(1) + ", may " + what + ".");
        }
        return course.get();
    }

    private Reply share(Exchange x) {
        // the body is read before anything is decided, so that whether the course exists never shows in whether
        // the connection is kept (a body left unread makes the server close it)
        byte[] body = x.body();
        HubRegistry.Course course = managed(x, "share it");
        String account;
        try {
            account = JSON.readTree(body).path("account").asText("");
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "Send {\"account\": \"<name>\"}.");
        }
        if (account.isBlank() || !store.addReader(course.id(), account)) {
            throw new ApiException(400, "bad_request", "There is no account named \"" + account + "\"; send "
                    + "{\"account\": \"<name>\"} with the name of an account on this server.");
        }
        return Reply.json(200, HttpServer.json(g -> {
            g.writeStringField("name", course.name());
            g.writeStringField("reader", account);
        }));
    }

    private Reply yank(Exchange x, boolean yanked) {
        HubRegistry.Course managed = managed(x, "yank its versions");
        Optional<HubRegistry.Course> course = Optional.of(managed);
        String name = managed.name();
        String version = x.pathParam("version");
        Optional<HubRegistry.Version> v = store.version(course.get().id(), version)
                .filter(ver -> ver.state().equals(HubRegistry.LIVE));
        if (v.isEmpty() || !store.setYanked(v.get().id(), yanked)) {
            throw new ApiException(404, "not_found", "There is no published version " + version + " of " + name + ".");
        }
        return Reply.json(200, HttpServer.json(g -> {
            g.writeStringField("name", name);
            g.writeStringField("version", version);
            g.writeBooleanField("yanked", yanked);
        }));
    }

    private Reply delete(Exchange x) {
        String name = nameIn(x);
        if (!store.delete(name, x.caller().account(), "deleted by " + x.caller().name() + " (request "
                + x.requestId() + ")", System.currentTimeMillis())) {
            throw new ApiException(404, "not_found", "There is no course " + name + ".");
        }
        return Reply.json(200, HttpServer.json(g -> {
            g.writeStringField("name", name);
            g.writeBooleanField("deleted", true);
        }));
    }
}
