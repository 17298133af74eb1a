package dev.progy.server.account;

import dev.progy.server.http.Authenticator;
import dev.progy.server.http.Caller;
import dev.progy.sync.hub.SyncHub;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking: the accounts an operator makes with {@code progy-server admin create-user}, each with one bearer
 * token (kept as its SHA-256 only) that may sync. The operator lists accounts, revokes and replaces tokens.
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
        return hub.authenticate(token).map(a -> new Caller(a.id(), a.name(), Set.of(SYNC)));
    }

    /** Makes an account; returns its token, which is not kept: show it once. */
    public String create(String name) {
        return hub.createAccount(name);
    }

    public List<SyncHub.AccountSummary> list() {
        return hub.accounts();
    }

    public void revoke(String name) {
        hub.revokeToken(name);
    }

    /** A new token for {@code name}, returned once; the old one stops working. */
    public String rotate(String name) {
        return hub.rotateToken(name);
    }
}
