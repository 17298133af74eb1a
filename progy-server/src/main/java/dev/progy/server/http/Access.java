package dev.progy.server.http;

import java.util.Objects;

/**
 * Who may call a route, declared beside its path in the route table: anyone ({@link #anyone()}), or a caller
 * whose token carries a scope ({@link #scope}), optionally who also has a role ({@link #role}) and owns or belongs
 * to the resource the path names ({@link #owner}, {@link #member}).
 *
 * @param scope    the scope a token must carry; empty for a public route
 * @param role     the role the caller must have (e.g. {@code admin}); empty for any
 * @param resource what the caller must be to the resource named by the path parameter {@code param}
 * @param param    the path parameter naming the resource; empty when {@code resource} is {@link Resource#NONE}
 */
public record Access(String scope, String role, Resource resource, String param) {

    /** What a caller must be to the resource a path names. */
    public enum Resource { NONE, OWNER, MEMBER }

    public Access {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(param, "param");
    }

    /** Anyone, signed in or not: health, readiness, metrics. */
    public static Access anyone() {
        return new Access("", "", Resource.NONE, "");
    }

    /** A caller with a valid token carrying {@code scope}. */
    public static Access scope(String scope) {
        if (scope.isBlank()) {
            throw new IllegalArgumentException("a scope is needed; use Access.anyone() for a public route");
        }
        return new Access(scope, "", Resource.NONE, "");
    }

    /** This access, and the caller has {@code role}. */
    public Access role(String role) {
        return new Access(scope, role, resource, param);
    }

    /** This access, and the caller owns the resource named by path parameter {@code param}. */
    public Access owner(String param) {
        return new Access(scope, role, Resource.OWNER, param);
    }

    /** This access, and the caller belongs to (or owns) the resource named by path parameter {@code param}. */
    public Access member(String param) {
        return new Access(scope, role, Resource.MEMBER, param);
    }

    public boolean isPublic() {
        return scope.isEmpty();
    }
}
