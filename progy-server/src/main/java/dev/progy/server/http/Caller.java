package dev.progy.server.http;

import java.util.Set;

/**
 * Who is asking, as their token says.
 *
 * @param account the account's id
 * @param name    the account's name
 * @param role    the account's role: student, instructor or admin
 * @param scopes  what the token may do
 */
public record Caller(long account, String name, String role, Set<String> scopes) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }
}
