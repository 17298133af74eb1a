package dev.progy.server.http;

import java.util.Set;

/**
 * Who is asking, as their token says.
 *
 * @param account the account's id
 * @param name    the account's name
 * @param scopes  what the token may do
 */
public record Caller(long account, String name, Set<String> scopes) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }
}
