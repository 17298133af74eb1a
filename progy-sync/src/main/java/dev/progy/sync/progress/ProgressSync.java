package dev.progy.sync.progress;

import dev.progy.error.ProgyException;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.wire.SyncResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Delta sync of a workspace's SQLite progress database with a Progy server: each round trip pushes the records
 * changed since the last acknowledged push (in a batch stored with its idempotency key before it is sent, so a
 * retry after a lost answer counts once) and pulls the account's records above the cursor, a server sequence
 * number, merging them in without marking them as local changes. Offline, nothing is lost: changed rows stay to be
 * pushed until a sync succeeds.
 *
 * <p>Settings ({@link ProviderConfig}): {@value #SERVER_KEY} (the server's base URL, e.g.
 * {@code https://progy.example.org}), {@value #TOKEN_KEY} (the account's bearer token), {@value #TIMEOUT_KEY}
 * (seconds per request, default 10).
 */
public final class ProgressSync implements AutoCloseable {

    public static final String SERVER_KEY = "progy.sync.server";
    public static final String TOKEN_KEY = "progy.sync.token";
    public static final String TIMEOUT_KEY = "progy.sync.timeout";

    /** Records per push; a change's rows stay together, so a batch may be a little larger. */
    static final int BATCH = 2000;
    /** Records per pull. */
    static final int PULL_LIMIT = 2000;
    /** Round trips per sync at most: a bound, not a goal. */
    private static final int MAX_ROUNDS = 1000;
    /** Sends of one batch before giving up until the next sync (which sends it again, under the same key). */
    private static final int TRIES = 3;

    private final SqliteProgressStore store;
    private final SyncClient client;

    private ProgressSync(SqliteProgressStore store, SyncClient client) {
        this.store = store;
        this.client = client;
    }

    /** Whether a server and a token are set. */
    public static boolean configured(ProviderConfig config) {
        return config.find(SERVER_KEY).isPresent() && config.find(TOKEN_KEY).isPresent();
    }

    /** Opens the progress database in {@code progressDir} (normally {@code <workspace>/.progy}) for syncing. */
    public static ProgressSync open(Path progressDir, ProviderConfig config) {
        Optional<String> server = config.find(SERVER_KEY);
        Optional<String> token = config.find(TOKEN_KEY);
        if (server.isEmpty() || token.isEmpty()) {
            throw new ProgyException("No sync server is configured.", "Set " + SERVER_KEY + " (PROGY_SYNC_SERVER) to "
                    + "the server's URL and " + TOKEN_KEY + " (PROGY_SYNC_TOKEN) to your account's token.");
        }
        URI uri = serverUri(server.get());
        Duration timeout = config.seconds(TIMEOUT_KEY, Duration.ofSeconds(10));
        SqliteProgressStore store = SqliteProgressStoreProvider.open(progressDir,
                SqliteProgressStoreProvider.DEFAULT_BUSY_TIMEOUT);
        return new ProgressSync(store, new SyncClient(uri, token.get(), timeout));
    }

    /**
     * The sync server's URL, checked: an http(s) URL with a host.
     *
     * @throws ProgyException when it is not one, saying what a good one looks like
     */
    public static URI serverUri(String server) {
        URI uri;
        try {
            uri = URI.create(server.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ProgyException("The sync server " + server + " is not an http(s) URL.",
                    "Give the server's address, e.g. https://progy.example.org.");
        }
        return uri;
    }

    /**
     * What a sync did.
     *
     * @param pushed     records sent
     * @param stored     of those, how many changed what the server holds
     * @param pulled     records received that changed this workspace's
     * @param cursor     the server sequence number pulled up to
     * @param roundTrips requests answered
     */
    public record SyncReport(int pushed, int stored, int pulled, long cursor, int roundTrips) { }

    /**
     * Pushes everything changed and pulls everything new, in as few round trips as it takes.
     *
     * @throws ProgyException when the server cannot be reached or refuses; what was not acknowledged stays to be
     *                        pushed, under the same key, by the next sync
     */
    public SyncReport sync() {
        return sync(Optional.empty());
    }

    /**
     * {@link #sync()}, after bringing the workspace's course {@code courseId} into this database if its progress is
     * still only in the file store's files (or an original {@code progress.json}), so that it is pushed too.
     */
    public SyncReport sync(String courseId) {
        return sync(Optional.of(courseId));
    }

    private SyncReport sync(Optional<String> courseId) {
        courseId.ifPresent(id -> store.update(id, p -> p)); // imports file progress once; otherwise writes nothing
        int pushed = 0;
        int stored = 0;
        int pulled = 0;
        long cursor = 0;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            SyncBatch batch = store.nextBatch(BATCH);
            SyncResponse answer = send(batch);
            pulled += store.applyAnswer(batch, answer);
            pushed += batch.push().size();
            stored += answer.replayed() ? 0 : answer.stored();
            cursor = answer.cursor();
            if (!batch.moreDirty() && !answer.more()) {
                return new SyncReport(pushed, stored, pulled, cursor, round);
            }
        }
        return new SyncReport(pushed, stored, pulled, cursor, MAX_ROUNDS);
    }

    private SyncResponse send(SyncBatch batch) {
        IOException last = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                return client.exchange(batch.request(PULL_LIMIT));
            } catch (IOException e) {
                last = e;
                if (attempt < TRIES) {
                    pause(Duration.ofMillis(250L << (2 * (attempt - 1)))); // 250 ms, 1 s
                }
            }
        }
        throw new ProgyException("Could not reach the sync server at " + client + ": " + describe(last) + ".",
                "Your progress is kept and will be sent by the next sync (progy sync) once the server is reachable.",
                last);
    }

    /** Why a request failed, in words for the student rather than the exception's class. */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "it did not answer in time";
            }
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "its host name is unknown (check the URL, and that you are online)";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the secure connection failed (is it https with a valid certificate?)";
            }
            if (t instanceof java.net.ConnectException) {
                return "nothing answered there (is the server running, and the URL right?)";
            }
        }
        return "the connection failed";
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
