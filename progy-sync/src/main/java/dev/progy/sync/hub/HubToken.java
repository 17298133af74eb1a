package dev.progy.sync.hub;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A valid token, as the hub found it: whose it is, what it may do, until when.
 *
 * @param account the account it belongs to
 * @param role    the account's role: student, instructor or admin
 * @param scopes  what it may do: {@code sync}, {@code read}, {@code ai}, {@code telemetry}, {@code admin},
 *                {@code publish:<organisation>}
 * @param expires when it stops working; empty: never
 */
public record HubToken(HubAccount account, String role, Set<String> scopes, Optional<Instant> expires) {
    public HubToken {
        scopes = Set.copyOf(scopes);
    }
}
