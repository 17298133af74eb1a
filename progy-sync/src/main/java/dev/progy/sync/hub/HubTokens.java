package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An account's tokens in {@code hub_token}: each with its scopes, an optional expiry and a revoked flag, kept as the
 * SHA-256 of the token only ({@link Tokens}). Runs in the caller's transaction.
 */
final class HubTokens {

    /** The scopes a token may carry: {@code publish:<scope>} names an organisation. */
    static final Pattern SCOPE = Pattern.compile("sync|read|ai|telemetry|live|admin|publish:@?[a-z0-9][a-z0-9-]{0,38}");

    private static final SecureRandom IDS = new SecureRandom();

    private HubTokens() { }

    /** Refuses scopes that are not among {@link #SCOPE}, or none. */
    static Set<String> checked(Set<String> scopes) {
        if (scopes.isEmpty()) {
            throw new ProgyException("A token needs at least one scope.",
                    "Give one or more of: sync, read, ai, telemetry, live, admin, publish:<organisation>.");
        }
        for (String s : scopes) {
            if (!SCOPE.matcher(s).matches()) {
                throw new ProgyException("There is no token scope " + s + ".",
                        "Give one or more of: sync, read, ai, telemetry, live, admin, publish:<organisation>.");
            }
        }
        return Set.copyOf(scopes);
    }

    /** Adds a token for {@code account}; returns the token, which is not kept. */
    static String add(Connection c, long account, Set<String> scopes, Optional<Instant> expires, String label)
            throws SQLException {
        String token = Tokens.make();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_token (id, account_id, token_hash, scopes, "
                + "label, created_at, expires_ms, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
            p.setLong(1, IDS.nextLong() & Long.MAX_VALUE);
            p.setLong(2, account);
            p.setString(3, Tokens.hash(token));
            p.setString(4, String.join(" ", new java.util.TreeSet<>(scopes)));
            p.setString(5, label);
            p.setString(6, Instant.now().toString());
            if (expires.isPresent()) {
                p.setLong(7, expires.get().toEpochMilli());
            } else {
                p.setNull(7, java.sql.Types.BIGINT);
            }
            p.executeUpdate();
        }
        return token;
    }

    /** Revokes every token of {@code account}; returns how many were active. */
    static int revokeAll(Connection c, long account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE hub_token SET revoked = 1 WHERE account_id = ? AND revoked = 0")) {
            p.setLong(1, account);
            return p.executeUpdate();
        }
    }

    /** Revokes the token {@code bearer}; whether it was a token that was not revoked yet. */
    static boolean revoke(Connection c, String bearer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE hub_token SET revoked = 1 WHERE token_hash = ? AND revoked = 0")) {
            p.setString(1, Tokens.hash(bearer));
            return p.executeUpdate() == 1;
        }
    }

    /** Whether {@code account} has a token that is not revoked. */
    static boolean active(Connection c, long account, long nowMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_token WHERE account_id = ? AND revoked = 0 "
                + "AND (expires_ms IS NULL OR expires_ms > ?)")) {
            p.setLong(1, account);
            p.setLong(2, nowMs);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The token {@code bearer} if it is known, not revoked and not expired at {@code nowMs}. */
    static Optional<HubToken> find(Connection c, String bearer, long nowMs) throws SQLException {
        String hash = Tokens.hash(bearer);
        try (PreparedStatement p = c.prepareStatement("SELECT a.id, a.name, t.token_hash, t.scopes, t.expires_ms, "
                + "t.revoked, a.role FROM hub_token t JOIN hub_account a ON a.id = t.account_id WHERE t.token_hash = ?")) {
            p.setString(1, hash);
            try (ResultSet rs = p.executeQuery()) {
                // the lookup is by the hash of a random token, which tells an attacker nothing; the constant-time
                // comparison is the check that counts
                if (!rs.next() || !Tokens.same(hash, rs.getString(3)) || rs.getInt(6) != 0) {
                    return Optional.empty();
                }
                long expires = rs.getLong(5);
                Optional<Instant> expiry = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
                if (expiry.isPresent() && expires <= nowMs) {
                    return Optional.empty();
                }
                Set<String> scopes = new LinkedHashSet<>(Arrays.asList(rs.getString(4).split(" ")));
                return Optional.of(new HubToken(new HubAccount(rs.getLong(1), rs.getString(2)), rs.getString(7), scopes,
                        expiry));
            }
        }
    }
}
