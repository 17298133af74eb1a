package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * What the server's web pages keep in the hub's database, so that every instance sees the same: browser sessions
 * (by the SHA-256 of their random id only, like tokens: a copy of the database signs no one in), the secret that
 * signs the forms shown before sign-in, and sign-up invitations. Thread-safe.
 */
public final class HubWeb {

    /** A browser's session: whose it is, the token its forms carry, and its times in epoch milliseconds. */
    public record Session(HubAccount account, String role, String csrf, long createdMs, long seenMs, long expiresMs) { }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubDatabase db;
    private final Clock clock;

    HubWeb(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The secret shared by every instance on this database, made by the first one that asks. */
    public byte[] formKey() {
        try {
            return db.inTransaction(c -> {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO hub_web_key (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                    p.setString(1, Base64.getEncoder().encodeToString(fresh));
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT secret FROM hub_web_key WHERE id = 1");
                     ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return Base64.getDecoder().decode(rs.getString(1));
                }
            });
        } catch (SQLException e) {
            throw failure("set up the web pages in", e);
        }
    }

    /**
     * Starts the session {@code id} (kept as its hash) of {@code account}, ending at {@code expiresMs} however
     * active; forgets sessions that ended, idle for longer than {@code idleMs} or past their end.
     */
    public void start(String id, HubAccount account, String csrf, long expiresMs, long idleMs) {
        long now = clock.millis();
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM hub_web_session WHERE expires_ms <= ? OR seen_ms <= ?")) {
                    p.setLong(1, now);
                    p.setLong(2, now - idleMs);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_web_session (id_hash, account_id, csrf, "
                        + "created_ms, seen_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, Tokens.hash(id));
                    p.setLong(2, account.id());
                    p.setString(3, csrf);
                    p.setLong(4, now);
                    p.setLong(5, now);
                    p.setLong(6, expiresMs);
                    p.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("start a session in", e);
        }
    }

    /** The session {@code id}, as stored (the caller decides whether it has ended). */
    public Optional<Session> session(String id) {
        String hash = Tokens.hash(id);
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT a.id, a.name, a.role, s.csrf, s.created_ms, "
                        + "s.seen_ms, s.expires_ms, s.id_hash FROM hub_web_session s JOIN hub_account a "
                        + "ON a.id = s.account_id WHERE s.id_hash = ?")) {
                    p.setString(1, hash);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next() || !Tokens.same(hash, rs.getString(8))) {
                            return Optional.<Session>empty();
                        }
                        return Optional.of(new Session(new HubAccount(rs.getLong(1), rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Records that the session {@code id} was used now. */
    public void seen(String id) {
        update("UPDATE hub_web_session SET seen_ms = ? WHERE id_hash = ?", clock.millis(), Tokens.hash(id));
    }

    /** Ends the session {@code id}. */
    public void end(String id) {
        update("DELETE FROM hub_web_session WHERE id_hash = ?", null, Tokens.hash(id));
    }

    /** Ends every session of {@code account}: signed out everywhere. */
    public void endAll(HubAccount account) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_web_session WHERE account_id = ?")) {
                    p.setLong(1, account.id());
                    return p.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("end the sessions in", e);
        }
    }

    /** How many sessions {@code account} has (ended or not, until the next clean-up). */
    public int sessions(HubAccount account) {
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT COUNT(*) FROM hub_web_session WHERE account_id = ?")) {
                    p.setLong(1, account.id());
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Keeps the invitation {@code code} (as its hash), made by {@code by}. */
    public void addInvite(String code, HubAccount by) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO hub_invite (code_hash, made_by, created_ms) VALUES (?, ?, ?)")) {
                    p.setString(1, Tokens.hash(code));
                    p.setLong(2, by.id());
                    p.setLong(3, clock.millis());
                    return p.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("keep the invitation in", e);
        }
    }

    /**
     * Adds a person with the invitation {@code code}, which is used up in the same transaction; refuses a code that
     * is unknown or used, and a name or e-mail address in use, alike.
     */
    public HubAccount addInvited(String code, String name, String email, String passwordHash, String role) {
        try {
            return db.inTransaction(c -> {
                long now = clock.millis();
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE hub_invite SET used_ms = ? WHERE code_hash = ? AND used_ms IS NULL")) {
                    p.setLong(1, now);
                    p.setString(2, Tokens.hash(code));
                    if (p.executeUpdate() != 1) {
                        throw new ProgyException("That invitation code cannot be used.",
                                "Check the code, or ask the server's administrator for a new one.");
                    }
                }
                long id = HubPeople.add(c, name, email, passwordHash, role);
                try (PreparedStatement p = c.prepareStatement("UPDATE hub_invite SET used_by = ? WHERE code_hash = ?")) {
                    p.setLong(1, id);
                    p.setString(2, Tokens.hash(code));
                    p.executeUpdate();
                }
                return new HubAccount(id, name);
            });
        } catch (SQLException e) {
            throw failure("add the account to", e);
        }
    }

    private void update(String sql, Long first, String hash) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    int i = 1;
                    if (first != null) {
                        p.setLong(i++, first);
                    }
                    p.setString(i, hash);
                    return p.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("update a session in", e);
        }
    }

    private ProgyException failure(String what, SQLException e) {
        return SyncHub.failure(db, what, e);
    }
}
