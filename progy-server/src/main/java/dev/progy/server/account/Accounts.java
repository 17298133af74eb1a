package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.Authenticator;
import dev.progy.server.http.Caller;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: accounts, each with tokens that carry scopes and may expire (kept as their SHA-256 only). An
 * operator makes accounts with {@code progy-server admin create-user} (a token of scope {@code sync}), lists them,
 * revokes and replaces their tokens.
 */
public final class Accounts implements Authenticator {

    /** The scope of today's admin-made tokens. */
    public static final String SYNC = "sync";

    private final SyncHub hub;

    public Accounts(SyncHub hub) {
        this.hub = hub;
    }

    @Override
    public Optional<Caller> bearer(String token) {
        return hub.token(token).map(t -> new Caller(t.account().id(), t.account().name(), t.role(), t.scopes()));
    }

    /** Organisations are the resources paths name today: {@code @scope}. An unknown one is no one's. */
    @Override
    public boolean is(Caller caller, Access.Resource what, String id) {
        if (!id.startsWith("@")) {
            return false;
        }
        try {
            Optional<String> role = hub.memberRole(id, new HubAccount(caller.account(), caller.name()));
            return what == Access.Resource.OWNER ? role.filter("owner"::equals).isPresent() : role.isPresent();
        } catch (ProgyException e) {
            return false;
        }
    }

    /**
     * Adds a token to the account {@code name} with {@code scopes} ({@code sync}, {@code read}, {@code ai},
     * {@code telemetry}, {@code admin}, {@code publish:<organisation>}) and an optional expiry; returns it once.
     */
    public String createToken(String name, Set<String> scopes, Optional<Instant> expires, String label) {
        return hub.createToken(name, scopes, expires, label);
    }

    /** Makes an account; returns its token, which is not kept: show it once. */
    public String create(String name) {
        return hub.createAccount(name);
    }

    public List<SyncHub.AccountSummary> list() {
        return hub.accounts();
    }

    /** Sets the role of the account {@code name}. */
    public void setRole(String name, Role role) {
        hub.setRole(name, role.text());
    }

    public void revoke(String name) {
        hub.revokeToken(name);
    }

    /** A new token for {@code name}, returned once; the old one stops working. */
    public String rotate(String name) {
        return hub.rotateToken(name);
    }
}
