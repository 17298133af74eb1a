package dev.progy.sync.hub;

import dev.progy.error.ProgyException;
import dev.progy.sync.wire.RecordJson;
import dev.progy.sync.wire.SyncRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The server side of progress sync, for a server to put behind HTTP: accounts with bearer tokens, every account's
 * {@link dev.progy.model.ProgressRecord}s, and the round trip that merges a client's pushed records in and answers
 * with the records changed above its cursor ({@link SyncRequest}, {@link dev.progy.sync.wire.SyncResponse}).
 *
 * <p>Kept in SQLite (one file, the default) or PostgreSQL (shared by several server instances); the schema is
 * brought up to date when the hub opens. Thread-safe.
 */
public final class SyncHub implements AutoCloseable {

    /** The most records one request may push. */
    public static final int MAX_PUSH = 20_000;

    private static final SecureRandom IDS = new SecureRandom();

    private final HubDatabase db;
    private final Clock clock;
    private final HubSync sync;
    private final int schemaVersion;
    private final HubDeviceCodes deviceCodes;
    private DatabaseSpec spec;

    private SyncHub(HubDatabase db, Clock clock, Quota quota, int schemaVersion) {
        this.db = db;
        this.clock = clock;
        this.sync = new HubSync(clock, quota);
        this.schemaVersion = schemaVersion;
        this.deviceCodes = new HubDeviceCodes(db, clock);
    }

    /**
     * Opens the hub's database and migrates it: {@code sqlite:/path/server.db} (or a path),
     * {@code postgresql://user:password@host:5432/db}, or a JDBC URL of either; {@code connections} is used for
     * PostgreSQL (SQLite has one).
     */
    public static SyncHub open(String database, int connections, Clock clock) {
        return migrated(HubDatabase.open(database, connections), clock, Quota.DEFAULT);
    }

    /**
     * The hub on the database of {@code spec}, taking connections from {@code pool} (which stays its owner's to
     * close; for SQLite it should hold one connection), and migrated.
     */
    public static SyncHub open(DataSource pool, DatabaseSpec spec, Clock clock, Quota quota) {
        SyncHub hub = migrated(HubDatabase.pooled(pool, spec), clock, quota);
        hub.spec = spec;
        return hub;
    }

    private static SyncHub migrated(HubDatabase db, Clock clock, Quota quota) {
        try {
            return new SyncHub(db, clock, quota, HubSchema.migrate(db));
        } catch (SQLException e) {
            db.close();
            throw failure(db, "set up", e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** What the web pages keep: browser sessions, the form key, sign-up invitations. */
    public HubWeb web() {
        return new HubWeb(db, clock);
    }

    /** An account's tokens and organisations, every person, and changes to an organisation's members. */
    public HubDirectory directory() {
        return new HubDirectory(db, clock);
    }

    /** The course registry: courses, versions and their publish steps, readers, the audit, the signing keys. */
    public HubRegistry registry() {
        return new HubRegistry(db);
    }

    /** The durable jobs kept in this hub's database, shared by every instance on it. */
    public HubJobs jobs() {
        return new HubJobs(db);
    }

    /** The registry's download statistics: events, roll-ups, rankings and archives. */
    public HubDownloads downloads() {
        return new HubDownloads(db);
    }

    /** Live help: rooms, invites, viewers, recordings, and (on PostgreSQL) the channel between instances. */
    public HubLive live() {
        return new HubLive(db, spec);
    }

    /** Course analytics from the CLI's anonymous telemetry: raw events, batch keys, daily roll-ups. */
    public HubTelemetry telemetry() {
        return new HubTelemetry(db);
    }

    /** The AI tutor: sealed model keys, plans, daily usage, lessons. */
    public HubTutor tutor() {
        return new HubTutor(db);
    }

    /** Makes an account and returns its bearer token (scope {@code sync}), which is not kept: show it once. */
    public String createAccount(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ProgyException("An account needs a name of 1 to 100 characters.", "Give a name, e.g. ada.");
        }
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_account WHERE name = ?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            throw new ProgyException("There is an account named " + name + " already.",
                                    "Choose another name.");
                        }
                    }
                }
                long id = IDS.nextLong() & Long.MAX_VALUE;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_account (id, name, token_hash, last_seq, "
                        + "created_at) VALUES (?, ?, ?, 0, ?)")) {
                    p.setLong(1, id);
                    p.setString(2, name);
                    p.setString(3, "moved:" + id); // tokens are in hub_token (schema version 2)
                    p.setString(4, Instant.now().toString());
                    p.executeUpdate();
                }
                return HubTokens.add(c, id, Set.of("sync"), Optional.empty(), "made by an operator");
            });
        } catch (SQLException e) {
            throw failure(db, "create the account in", e);
        }
    }

    /**
     * Adds a token to the account {@code name}, with {@code scopes} (see {@link HubToken#scopes}) and an optional
     * expiry; returns it (show it once: only its hash is kept).
     */
    public String createToken(String name, Set<String> scopes, Optional<Instant> expires, String label) {
        Set<String> checked = HubTokens.checked(scopes);
        try {
            return db.inTransaction(c -> HubTokens.add(c, accountId(c, name), checked, expires, label));
        } catch (SQLException e) {
            throw failure(db, "add a token in", e);
        }
    }

    /**
     * Adds a person who signs in with {@code email} (stored as given: the caller normalises it) and a password whose
     * hash the caller made; refuses a name or e-mail address in use without saying which.
     */
    public HubAccount addPerson(String name, String email, String passwordHash, String role) {
        try {
            long id = db.inTransaction(c -> HubPeople.add(c, name, email, passwordHash, role));
            return new HubAccount(id, name);
        } catch (SQLException e) {
            throw failure(db, "add the account to", e);
        }
    }

    /** The person whose e-mail address is {@code email}, if any. */
    public Optional<HubPerson> personByEmail(String email) {
        try {
            return db.read(c -> HubPeople.byEmail(c, email));
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Replaces an account's password hash (a new password, or the same one hashed with stronger parameters). */
    public void setPasswordHash(HubAccount account, String hash) {
        try {
            db.inTransaction(c -> {
                HubPeople.setPasswordHash(c, account.id(), hash);
                return null;
            });
        } catch (SQLException e) {
            throw failure(db, "change the password in", e);
        }
    }

    /** Sets the role of the account {@code name}: student, instructor or admin. */
    public void setRole(String name, String role) {
        try {
            db.inTransaction(c -> {
                HubPeople.setRole(c, accountId(c, name), role);
                return null;
            });
        } catch (SQLException e) {
            throw failure(db, "change the role in", e);
        }
    }

    /** The role of {@code account}. */
    public String role(HubAccount account) {
        try {
            return db.read(c -> HubPeople.role(c, account.id()));
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Makes the organisation {@code scope} with {@code owner} as its first owner. */
    public void createOrganisation(String scope, HubAccount owner) {
        try {
            db.inTransaction(c -> {
                HubPeople.addOrg(c, scope, owner.id());
                return null;
            });
        } catch (SQLException e) {
            throw failure(db, "add the organisation to", e);
        }
    }

    /** {@code account}'s role in the organisation {@code scope}: owner, member, or empty. */
    public Optional<String> memberRole(String scope, HubAccount account) {
        try {
            return db.read(c -> HubPeople.memberRole(c, HubPeople.orgId(c, scope), account.id()));
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Makes the account {@code name} a member of {@code scope} with {@code role} (owner or member). */
    public void setMember(String scope, String name, String role) {
        try {
            db.inTransaction(c -> {
                HubPeople.setMember(c, HubPeople.orgId(c, scope), accountId(c, name), role);
                return null;
            });
        } catch (SQLException e) {
            throw failure(db, "change the members in", e);
        }
    }

    /** The members of {@code scope}, by name. */
    public List<HubMember> members(String scope) {
        try {
            return db.read(c -> HubPeople.members(c, HubPeople.orgId(c, scope)));
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Records a failed sign-in against each of {@code subjects} (e.g. an e-mail address and a network address). */
    public void recordLoginFailure(List<String> subjects) {
        long now = clock.millis();
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO hub_login_failure (subject, at_ms) VALUES (?, ?)")) {
                    for (String subject : subjects) {
                        p.setString(1, subject);
                        p.setLong(2, now);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_login_failure WHERE at_ms < ?")) {
                    p.setLong(1, now - 86_400_000L); // a day is longer than any window asked about
                    p.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure(db, "record a sign-in in", e);
        }
    }

    /** Failed sign-ins against {@code subject} in the last {@code windowMs} milliseconds. */
    public int loginFailures(String subject, long windowMs) {
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT COUNT(*) FROM hub_login_failure WHERE subject = ? AND at_ms >= ?")) {
                    p.setString(1, subject);
                    p.setLong(2, clock.millis() - windowMs);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Forgets the failed sign-ins against {@code subject}: after a successful one. */
    public void clearLoginFailures(String subject) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_login_failure WHERE subject = ?")) {
                    p.setString(1, subject);
                    return p.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure(db, "record a sign-in in", e);
        }
    }

    /** An account as an operator sees it. */
    public record AccountSummary(String name, String createdAt, boolean revoked) { }

    /** Every account, by name; {@code revoked} when none of its tokens works any more. */
    public List<AccountSummary> accounts() {
        try {
            return db.read(c -> {
                List<AccountSummary> all = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT id, name, created_at FROM hub_account ORDER BY name");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(new AccountSummary(rs.getString(2), rs.getString(3),
                                !HubTokens.active(c, rs.getLong(1), clock.millis())));
                    }
                }
                return all;
            });
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** Revokes every token of the account {@code name}: none authenticates any more. */
    public void revokeToken(String name) {
        try {
            db.inTransaction(c -> HubTokens.revokeAll(c, accountId(c, name)));
        } catch (SQLException e) {
            throw failure(db, "revoke the token in", e);
        }
    }

    /** Revokes the account's tokens and gives it a new one of scope {@code sync}, returned (show it once). */
    public String rotateToken(String name) {
        try {
            return db.inTransaction(c -> {
                long id = accountId(c, name);
                HubTokens.revokeAll(c, id);
                return HubTokens.add(c, id, Set.of("sync"), Optional.empty(), "made by an operator");
            });
        } catch (SQLException e) {
            throw failure(db, "change the token in", e);
        }
    }

    /** Revokes the token {@code bearer} itself; false when it is no token, or was revoked already. */
    public boolean revokeBearer(String bearer) {
        if (bearer == null || !bearer.startsWith(Tokens.PREFIX) || bearer.length() > 200) {
            return false;
        }
        try {
            return db.inTransaction(c -> HubTokens.revoke(c, bearer));
        } catch (SQLException e) {
            throw failure(db, "revoke the token in", e);
        }
    }

    /** Whether {@code scope} is one a token may carry: see {@link HubToken#scopes}. */
    public static boolean isScope(String scope) {
        return scope != null && HubTokens.SCOPE.matcher(scope).matches();
    }

    /** The requests of the device authorization grant ({@code progy login}). */
    public HubDeviceCodes deviceCodes() {
        return deviceCodes;
    }

    private static long accountId(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_account WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new ProgyException("There is no account named " + name + ".",
                            "See the accounts with: progy-server admin list-users");
                }
                return rs.getLong(1);
            }
        }
    }

    /** The token {@code bearer}, if it is one of an account's, not revoked and not expired. */
    public Optional<HubToken> token(String bearer) {
        if (bearer == null || !bearer.startsWith(Tokens.PREFIX) || bearer.length() > 200) {
            return Optional.empty();
        }
        try {
            return db.read(c -> HubTokens.find(c, bearer, clock.millis()));
        } catch (SQLException e) {
            throw failure(db, "read", e);
        }
    }

    /** The account whose token {@code bearer} is, if that token may sync. */
    public Optional<HubAccount> authenticate(String bearer) {
        return token(bearer).filter(t -> t.scopes().contains("sync")).map(HubToken::account);
    }

    /**
     * One round trip for {@code account}: reads a {@link SyncRequest} from {@code body}, merges its records in (once
     * per idempotency key) and returns the {@link dev.progy.sync.wire.SyncResponse} as JSON bytes.
     *
     * @throws SyncRejectedException when the request is not acceptable, saying why
     */
    public byte[] sync(HubAccount account, InputStream body) {
        SyncRequest.Received received;
        try {
            received = SyncRequest.receive(body, MAX_PUSH);
        } catch (RecordJson.Malformed e) {
            int status = e.getMessage().contains("more than") ? 413 : 400;
            throw new SyncRejectedException(status, status == 413 ? "too_many_records" : "bad_request",
                    "The sync request is not acceptable: " + e.getMessage() + ".", "Send a request of the documented form.");
        } catch (IOException e) {
            throw new SyncRejectedException(400, "bad_request", "The sync request could not be read: " + e.getMessage()
                    + ".", "Send the request again.");
        }
        return sync(account, received);
    }

    /** {@link #sync(HubAccount, InputStream)} of a request already read, as the client would send it. */
    public byte[] sync(HubAccount account, SyncRequest request) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            request.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return sync(account, new ByteArrayInputStream(body.toByteArray()));
    }

    private byte[] sync(HubAccount account, SyncRequest.Received received) {
        SyncRequest request = received.request();
        HubLimits.text("the request's key", request.key(), 1, SyncRequest.MAX_KEY);
        HubLimits.device(request.device());
        request.push().forEach(HubLimits::check);
        try {
            if (request.push().isEmpty()) {
                return db.read(c -> sync.answer(c, account, request.cursor(), request.limit(), new HubRecords.Echoes(),
                        new HubSync.Pushed(0, false)));
            }
            HubSync.Push push = HubSync.Push.of(received);
            return db.inTransaction(c -> {
                HubRecords.Echoes echoes = new HubRecords.Echoes();
                HubSync.Pushed pushed = sync.push(c, account, push, echoes);
                return sync.answer(c, account, request.cursor(), request.limit(), echoes, pushed);
            });
        } catch (SQLException e) {
            throw failure(db, "sync with", e);
        }
    }

    /** Whether the database answers and has every migration of this hub applied as this hub has it. */
    public boolean ready() {
        try {
            return db.read(HubSchema::current);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the database answers, and its schema version. */
    public HubHealth health() {
        try {
            int version = db.read(HubSchema::version);
            return new HubHealth(true, version, db.shown(), "");
        } catch (SQLException | RuntimeException e) {
            return new HubHealth(false, schemaVersion, db.shown(), String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        db.close();
    }

    static ProgyException failure(HubDatabase db, String what, SQLException e) {
        return new ProgyException("Could not " + what + " the database " + db.shown() + ": " + e.getMessage(),
                "Check that the database is reachable and has room.", e);
    }

    /**
     * The hub's state for a health check.
     *
     * @param up            the database answered
     * @param schemaVersion the schema version it is at
     * @param database      which database, without a password
     * @param problem       why it did not answer; empty when up
     */
    public record HubHealth(boolean up, int schemaVersion, String database, String problem) { }
}
