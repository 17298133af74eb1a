package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The requests of the OAuth 2.0 device authorization grant (RFC 8628) in {@code hub_device_code}: made when a client
 * such as {@code progy login} asks, decided by a signed-in person who types the user code, and exchanged once for a
 * token at the client's next poll. Both codes are kept as their SHA-256 only: the database never holds a code that
 * could be replayed. What the codes look like, who may decide and how often one may guess are the server's policy;
 * this class stores and answers in one transaction each, so every server instance sees the same state.
 */
public final class HubDeviceCodes {

    /** A request's state. */
    public enum State { PENDING, APPROVED, DENIED, USED }

    /**
     * A request, as the person deciding it sees it.
     *
     * @param clientId the client that asked, e.g. {@code progy-cli}
     * @param scopes   what the token would be allowed to do
     * @param label    the name the token will have, e.g. {@code progy login on ada-laptop 2026-12-06}
     * @param expires  when the request expires unless decided
     */
    public record Request(String clientId, Set<String> scopes, String label, Instant expires) {
        public Request {
            scopes = Set.copyOf(scopes);
        }
    }

    /** What a poll of the token endpoint finds. */
    public sealed interface Poll {
        /** Not decided yet: poll again after {@code intervalSeconds}. */
        record Pending(int intervalSeconds) implements Poll { }

        /** Polled before the interval passed; the interval is now {@code intervalSeconds} (5 s longer). */
        record SlowDown(int intervalSeconds) implements Poll { }

        /** The person said no. */
        record Denied() implements Poll { }

        /** The request expired before it was decided. */
        record Expired() implements Poll { }

        /** No such request for this client, or its token was handed out already. */
        record Unknown() implements Poll { }

        /** Approved: the token, shown this once, of {@code account}, with its scopes and optional expiry. */
        record Issued(String token, HubAccount account, Set<String> scopes, Optional<Instant> expires) implements Poll { }
    }

    private static final SecureRandom IDS = new SecureRandom();
    /** How long a request is kept after it expired, so that a late poll still learns it expired. */
    private static final long KEPT_MS = 86_400_000L;

    private final HubDatabase db;
    private final Clock clock;

    HubDeviceCodes(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a new request; false (and nothing stored) when a live request already has this user code, so the caller
     * draws another.
     */
    public boolean create(String deviceCode, String userCode, String clientId, Set<String> scopes, String label,
                          Instant expires, int intervalSeconds) {
        Set<String> checked = HubTokens.checked(scopes);
        long now = clock.millis();
        return run("store a device login request in", () -> db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_device_code WHERE expires_ms < ?")) {
                p.setLong(1, now - KEPT_MS);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_device_code WHERE user_hash = ?")) {
                p.setString(1, Tokens.hash(userCode));
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_device_code (id, device_hash, user_hash, "
                    + "client_id, scopes, label, created_ms, expires_ms, interval_s, polled_ms, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending')")) {
                p.setLong(1, IDS.nextLong() & Long.MAX_VALUE);
                p.setString(2, Tokens.hash(deviceCode));
                p.setString(3, Tokens.hash(userCode));
                p.setString(4, clientId);
                p.setString(5, String.join(" ", new java.util.TreeSet<>(checked)));
                p.setString(6, label);
                p.setLong(7, now);
                p.setLong(8, expires.toEpochMilli());
                p.setInt(9, intervalSeconds);
                p.executeUpdate();
            }
            return true;
        }));
    }

    /** The request whose user code is {@code userCode}, if it is pending and not expired. */
    public Optional<Request> pending(String userCode) {
        long now = clock.millis();
        return run("read", () -> db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT client_id, scopes, label, expires_ms FROM "
                    + "hub_device_code WHERE user_hash = ? AND state = 'pending' AND expires_ms > ?")) {
                p.setString(1, Tokens.hash(userCode));
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Request(rs.getString(1), scopes(rs.getString(2)),
                            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)))) : Optional.empty();
                }
            }
        }));
    }

    /**
     * Approves (for {@code account}, the token to expire at {@code tokenExpires} or never) or denies the pending,
     * unexpired request of {@code userCode}; the request it decided, or empty when there was none.
     */
    public Optional<Request> decide(String userCode, HubAccount account, boolean approve,
                                    Optional<Instant> tokenExpires) {
        long now = clock.millis();
        return run("record the decision in", () -> db.inTransaction(c -> {
            Optional<Request> request;
            try (PreparedStatement p = c.prepareStatement("SELECT client_id, scopes, label, expires_ms FROM "
                    + "hub_device_code WHERE user_hash = ? AND state = 'pending' AND expires_ms > ?")) {
                p.setString(1, Tokens.hash(userCode));
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    request = rs.next() ? Optional.of(new Request(rs.getString(1), scopes(rs.getString(2)),
                            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)))) : Optional.empty();
                }
            }
            if (request.isEmpty()) {
                return request;
            }
            // the state in the WHERE makes two people deciding at once safe: only one update finds it pending
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_device_code SET state = ?, account_id = ?, "
                    + "token_expires_ms = ? WHERE user_hash = ? AND state = 'pending'")) {
                p.setString(1, approve ? "approved" : "denied");
                p.setLong(2, account.id());
                if (tokenExpires.isPresent()) {
                    p.setLong(3, tokenExpires.get().toEpochMilli());
                } else {
                    p.setNull(3, java.sql.Types.BIGINT);
                }
                p.setString(4, Tokens.hash(userCode));
                return p.executeUpdate() == 1 ? request : Optional.<Request>empty();
            }
        }));
    }

    /**
     * A poll by {@code clientId} with {@code deviceCode}: RFC 8628 section 3.5's answers. A poll that comes before
     * the request's interval has passed since the last one is told to slow down, and the interval grows by 5 seconds
     * for every later poll. An approved request gives its token at the first poll after the approval, and never again.
     */
    public Poll poll(String deviceCode, String clientId) {
        long now = clock.millis();
        return run("read", () -> db.inTransaction(c -> {
            long id;
            String state;
            long expires;
            int interval;
            long polled;
            long account;
            Set<String> scopes;
            String label;
            Optional<Instant> tokenExpires;
            try (PreparedStatement p = c.prepareStatement("SELECT id, client_id, state, expires_ms, interval_s, "
                    + "polled_ms, account_id, scopes, label, token_expires_ms FROM hub_device_code WHERE device_hash = ?"
                    // two polls at once must not both find it approved: lock the row (SQLite's BEGIN IMMEDIATE
                    // already holds the database's write lock)
                    + (db.dialect() == HubDatabase.Dialect.POSTGRESQL ? " FOR UPDATE" : ""))) {
                p.setString(1, Tokens.hash(deviceCode));
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next() || !rs.getString(2).equals(clientId)) {
                        return new Poll.Unknown();
                    }
                    id = rs.getLong(1);
                    state = rs.getString(3);
                    expires = rs.getLong(4);
                    interval = rs.getInt(5);
                    polled = rs.getLong(6);
                    account = rs.getLong(7);
                    scopes = scopes(rs.getString(8));
                    label = rs.getString(9);
                    long until = rs.getLong(10);
                    tokenExpires = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
                }
            }
            if (state.equals("used")) {
                return new Poll.Unknown();
            }
            if (!state.equals("denied") && expires <= now) {
                return new Poll.Expired();
            }
            boolean early = polled > 0 && now - polled < interval * 1000L;
            if (early) {
                interval += 5;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE hub_device_code SET polled_ms = ?, interval_s = ?, state = ? WHERE id = ?")) {
                p.setLong(1, now);
                p.setInt(2, interval);
                p.setString(3, state.equals("approved") && !early ? "used" : state);
                p.setLong(4, id);
                p.executeUpdate();
            }
            if (early) {
                return new Poll.SlowDown(interval);
            }
            return switch (state) {
                case "denied" -> new Poll.Denied();
                case "approved" -> {
                    String name;
                    try (PreparedStatement p = c.prepareStatement("SELECT name FROM hub_account WHERE id = ?")) {
                        p.setLong(1, account);
                        try (ResultSet rs = p.executeQuery()) {
                            if (!rs.next()) {
                                yield new Poll.Unknown();
                            }
                            name = rs.getString(1);
                        }
                    }
                    String token = HubTokens.add(c, account, scopes, tokenExpires, label);
                    yield new Poll.Issued(token, new HubAccount(account, name), scopes, tokenExpires);
                }
                default -> new Poll.Pending(interval);
            };
        }));
    }

    private static Set<String> scopes(String stored) {
        return new LinkedHashSet<>(Arrays.asList(stored.split(" ")));
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private <T> T run(String what, Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new ProgyException("Could not " + what + " the database " + db.shown() + ": " + e.getMessage(),
                    "Check that the database is reachable and has room.", e);
        }
    }
}
