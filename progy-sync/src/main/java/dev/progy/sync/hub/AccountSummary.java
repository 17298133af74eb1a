package dev.progy.sync.hub;

import java.util.Optional;

/**
 * An account as an administrator sees it ({@code progy-server admin list-users}); never its token.
 *
 * @param name       the name it was created with
 * @param createdAt  when, as an ISO-8601 instant
 * @param tokenHint  the first characters of its token ({@code progy_Ab3dE9}); empty for tokens made before hints
 * @param revoked    whether its token was revoked (it then has none until rotated)
 * @param records    how many progress records it holds on the server
 */
public record AccountSummary(String name, String createdAt, Optional<String> tokenHint, boolean revoked, long records) { }
