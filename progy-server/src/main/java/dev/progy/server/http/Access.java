package dev.progy.server.http;

/**
 * Who may call a route, declared beside its path in the route table: anyone ({@link #anyone()}), or a caller
 * whose token carries a scope ({@link #scope}).
 *
 * @param scope the scope a token must carry; empty for a public route
 */
public record Access(String scope) {

    /** Anyone, signed in or not: health, readiness, metrics. */
    public static Access anyone() {
        return new Access("");
    }

    /** A caller with a valid token carrying {@code scope}. */
    public static Access scope(String scope) {
        if (scope.isBlank()) {
            throw new IllegalArgumentException("a scope is needed; use Access.anyone() for a public route");
        }
        return new Access(scope);
    }

    public boolean isPublic() {
        return scope.isEmpty();
    }
}
