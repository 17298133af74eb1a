package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a person sees of their own account and an administrator of everyone's, for the web pages: an account's
 * tokens (never the tokens themselves, only what each may do), every person with their role, the organisations an
 * account belongs to, and changes to an organisation's members that never leave it without an owner. Thread-safe.
 */
public final class HubDirectory {

    /**
     * One of an account's tokens, as its owner sees it.
     *
     * @param id      the token's id, to revoke it by
     * @param active  neither revoked nor expired
     */
    public record TokenSummary(long id, String label, Set<String> scopes, String createdAt, Optional<Instant> expires,
                               boolean active) { }

    /** A person as an administrator sees them; {@code email} is empty for an account made by an operator. */
    public record PersonSummary(String name, String email, String role, String createdAt) { }

    /** An organisation an account belongs to, and its role there: owner or member. */
    public record Membership(String scope, String role) { }

    private final HubDatabase db;
    private final Clock clock;

    HubDirectory(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The tokens of {@code account}, newest first. */
    public List<TokenSummary> tokens(HubAccount account) {
        long now = clock.millis();
        try {
            return db.read(c -> {
                List<TokenSummary> all = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, label, scopes, created_at, expires_ms, revoked "
                        + "FROM hub_token WHERE account_id = ? ORDER BY created_at DESC, id")) {
                    p.setLong(1, account.id());
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            long expires = rs.getLong(5);
                            Optional<Instant> expiry = rs.wasNull() ? Optional.empty()
                                    : Optional.of(Instant.ofEpochMilli(expires));
                            boolean active = rs.getInt(6) == 0 && expiry.map(e -> e.toEpochMilli() > now).orElse(true);
                            all.add(new TokenSummary(rs.getLong(1), rs.getString(2),
                                    new LinkedHashSet<>(Arrays.asList(rs.getString(3).split(" "))), rs.getString(4),
                                    expiry, active));
                        }
                    }
                }
                return all;
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Revokes the token {@code id} if it is one of {@code account}'s; returns whether it was. */
    public boolean revokeToken(HubAccount account, long id) {
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE hub_token SET revoked = 1 WHERE id = ? AND account_id = ?")) {
                    p.setLong(1, id);
                    p.setLong(2, account.id());
                    return p.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw failure("revoke the token in", e);
        }
    }

    /** The person whose account is {@code account}, with e-mail address and password hash (absent when made by an operator). */
    public Optional<HubPerson> person(HubAccount account) {
        try {
            return db.read(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT email, password_hash, role FROM hub_account WHERE id = ?")) {
                    p.setLong(1, account.id());
                    try (ResultSet rs = p.executeQuery()) {
                        return rs.next() ? Optional.of(new HubPerson(account,
                                rs.getString(1) == null ? "" : rs.getString(1), Optional.ofNullable(rs.getString(2)),
                                rs.getString(3))) : Optional.<HubPerson>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Every person, by name. */
    public List<PersonSummary> people() {
        try {
            return db.read(c -> {
                List<PersonSummary> all = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT name, email, role, created_at FROM hub_account ORDER BY name");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String email = rs.getString(2);
                        all.add(new PersonSummary(rs.getString(1), email == null ? "" : email, rs.getString(3),
                                rs.getString(4)));
                    }
                }
                return all;
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** The organisations {@code account} belongs to, by name. */
    public List<Membership> organisations(HubAccount account) {
        try {
            return db.read(c -> {
                List<Membership> all = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT o.scope, m.role FROM hub_org_member m "
                        + "JOIN hub_org o ON o.id = m.org_id WHERE m.account_id = ? ORDER BY o.scope")) {
                    p.setLong(1, account.id());
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            all.add(new Membership(rs.getString(1), rs.getString(2)));
                        }
                    }
                }
                return all;
            });
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Makes the account {@code name} an {@code owner} or {@code member} of {@code scope}, or removes it (role empty);
     * refuses a change that would leave the organisation without an owner.
     */
    public void changeMember(String scope, String name, Optional<String> role) {
        try {
            db.inTransaction(c -> {
                long org = HubPeople.orgId(c, scope);
                long account;
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_account WHERE name = ?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            throw new ProgyException("There is no account named " + name + ".",
                                    "Check the name; people choose theirs when they sign up.");
                        }
                        account = rs.getLong(1);
                    }
                }
                if (role.isPresent()) {
                    HubPeople.setMember(c, org, account, role.get());
                } else {
                    try (PreparedStatement p = c.prepareStatement(
                            "DELETE FROM hub_org_member WHERE org_id = ? AND account_id = ?")) {
                        p.setLong(1, org);
                        p.setLong(2, account);
                        p.executeUpdate();
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT COUNT(*) FROM hub_org_member WHERE org_id = ? AND role = 'owner'")) {
                    p.setLong(1, org);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            // thrown inside the transaction, so the change is rolled back
                            throw new ProgyException(scope + " would have no owner left.",
                                    "Make someone else an owner first.");
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("change the members in", e);
        }
    }

    private ProgyException failure(String what, SQLException e) {
        return SyncHub.failure(db, what, e);
    }
}
