package dev.progy.sync.hub;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One of an account's tokens as its owner may see it: never the token itself, which is not kept.
 *
 * @param id      the token's id, to revoke it by
 * @param label   what it was made for, e.g. {@code progy login on ada-laptop 2026-12-06}
 * @param scopes  what it may do
 * @param created when it was made
 * @param expires when it stops working; empty: never
 */
public record HubTokenInfo(long id, String label, Set<String> scopes, Instant created, Optional<Instant> expires) {
    public HubTokenInfo {
        scopes = Set.copyOf(scopes);
    }
}
