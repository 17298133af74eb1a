package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * People and organisations in the hub's tables, in the caller's transaction: an account with an e-mail address,
 * a password hash made by the server (this class only stores it) and a role; organisations ({@code @scope}) and
 * their owners and members.
 */
final class HubPeople {

    private static final SecureRandom IDS = new SecureRandom();

    private HubPeople() { }

    static long add(Connection c, String name, String email, String passwordHash, String role) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_account WHERE name = ? OR email = ?")) {
            p.setString(1, name);
            p.setString(2, email);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    throw new ProgyException("That name or e-mail address cannot be used.",
                            "Choose another, or sign in if this is your account.");
                }
            }
        }
        long id = IDS.nextLong() & Long.MAX_VALUE;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_account (id, name, token_hash, last_seq, "
                + "created_at, email, password_hash, role) VALUES (?, ?, ?, 0, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, name);
            p.setString(3, "moved:" + id);
            p.setString(4, Instant.now().toString());
            p.setString(5, email);
            p.setString(6, passwordHash);
            p.setString(7, role);
            p.executeUpdate();
        }
        return id;
    }

    static Optional<HubPerson> byEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, name, email, password_hash, role FROM hub_account WHERE email = ?")) {
            p.setString(1, email);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new HubPerson(new HubAccount(rs.getLong(1), rs.getString(2)),
                        rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5))) : Optional.empty();
            }
        }
    }

    static void setPasswordHash(Connection c, long account, String hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE hub_account SET password_hash = ? WHERE id = ?")) {
            p.setString(1, hash);
            p.setLong(2, account);
            p.executeUpdate();
        }
    }

    static void setRole(Connection c, long account, String role) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE hub_account SET role = ? WHERE id = ?")) {
            p.setString(1, role);
            p.setLong(2, account);
            p.executeUpdate();
        }
    }

    static String role(Connection c, long account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT role FROM hub_account WHERE id = ?")) {
            p.setLong(1, account);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "student";
            }
        }
    }

    static void addOrg(Connection c, String scope, long owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_org WHERE scope = ?")) {
            p.setString(1, scope);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    throw new ProgyException("The organisation " + scope + " exists already.", "Choose another name.");
                }
            }
        }
        long id = IDS.nextLong() & Long.MAX_VALUE;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_org (id, scope, created_at) VALUES (?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, scope);
            p.setString(3, Instant.now().toString());
            p.executeUpdate();
        }
        setMember(c, id, owner, "owner");
    }

    static long orgId(Connection c, String scope) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_org WHERE scope = ?")) {
            p.setString(1, scope);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new ProgyException("There is no organisation " + scope + ".", "Check its name.");
                }
                return rs.getLong(1);
            }
        }
    }

    static void setMember(Connection c, long org, long account, String role) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_org_member (org_id, account_id, role) "
                + "VALUES (?, ?, ?) ON CONFLICT (org_id, account_id) DO UPDATE SET role = excluded.role")) {
            p.setLong(1, org);
            p.setLong(2, account);
            p.setString(3, role);
            p.executeUpdate();
        }
    }

    /** The member's role in the organisation: owner, member, or empty. */
    static Optional<String> memberRole(Connection c, long org, long account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT role FROM hub_org_member WHERE org_id = ? AND account_id = ?")) {
            p.setLong(1, org);
            p.setLong(2, account);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static List<HubMember> members(Connection c, long org) throws SQLException {
        List<HubMember> all = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT a.name, m.role FROM hub_org_member m JOIN hub_account a "
                + "ON a.id = m.account_id WHERE m.org_id = ? ORDER BY a.name")) {
            p.setLong(1, org);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    all.add(new HubMember(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return all;
    }
}
