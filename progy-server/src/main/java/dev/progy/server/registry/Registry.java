package dev.progy.server.registry;

import dev.progy.server.http.RateLimiter;
import dev.progy.server.jobs.Jobs;
import dev.progy.sync.hub.HubRegistry;

import java.time.Clock;

/**
 * The course registry put together: its rows, its blob store, its signing keys, the start of a publish and the
 * publish pipeline's job handlers (registered on construction, so any instance runs publishes).
 */
public final class Registry {

    private final HubRegistry store;
    private final BlobStore blobs;
    private final RegistryKeys keys;
    private final RegistrySettings settings;
    private final Publishing publishing;

    public Registry(HubRegistry store, BlobStore blobs, Jobs jobs, RateLimiter buckets, RegistrySettings settings,
                    Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.settings = settings;
        this.keys = new RegistryKeys(store, clock);
        this.publishing = new Publishing(store, blobs, jobs, buckets, settings, clock);
        keys.ensure();
        PublishPipeline pipeline = new PublishPipeline(store, blobs, jobs, keys, settings, publishing, clock);
        pipeline.register();
        pipeline.resumeAll();
    }

    public HubRegistry store() {
        return store;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public RegistryKeys keys() {
        return keys;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * The live archive of {@code course} at {@code version} when that version is live, else of its latest live
     * version: the course as published, solutions included (the tutor's leak guard reads them); the caller closes it.
     */
    public java.util.Optional<java.io.InputStream> liveArchive(String course, String version) {
        java.util.Optional<HubRegistry.Course> c = store.course(course);
        if (c.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.List<HubRegistry.Version> live = store.versions(c.get().id()).stream()
                .filter(v -> v.state().equals(HubRegistry.LIVE) && v.sha256().filter(h -> h.length() == 64).isPresent())
                .toList();
        java.util.Optional<HubRegistry.Version> chosen = live.stream().filter(v -> v.version().equals(version))
                .findFirst().or(() -> live.stream().max(java.util.Comparator.comparing(HubRegistry.Version::version,
                        (a, b) -> dev.progy.CourseVersions.compare(a, b).orElse(a.compareTo(b)))));
        return chosen.flatMap(v -> blobs.get(PublishPipeline.archiveKey(v.sha256().orElseThrow())));
    }

    Publishing publishing() {
        return publishing;
    }
}
