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

    Publishing publishing() {
        return publishing;
    }
}
