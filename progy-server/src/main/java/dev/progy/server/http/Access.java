package dev.progy.server.http;

import java.util.Objects;

/**
 * Who may call a route, declared beside its path in the route table: anyone ({@link #anyone()}), or a caller
 * whose token carries a scope ({@link #scope}), optionally who also has a role ({@link #role}) and owns or belongs
 * to the resource the path names ({@link #owner}, {@link #member}).
 *
 * <p>A web page says so ({@code page}): it is for a browser, which proves who it is with a session cookie, not a
 * token. A page is open to anyone ({@link #publicPage()}) or to someone signed in ({@link #signedIn()}), with the same
 * role and resource conditions; its forms carry a CSRF token. {@code dev.progy.server.web.WebPages} enforces a
 * page's declaration: an anonymous browser is sent to sign in, a signed-in one without the role gets a 403 page.
 *
 * @param scope    the scope a token must carry ({@link #SIGNED_IN} for a page that needs a session); empty for a
 *                 public route
 * @param role     the role the caller must have (e.g. {@code admin}); empty for any
 * @param resource what the caller must be to the resource named by the path parameter {@code param}
 * @param param    the path parameter naming the resource; empty when {@code resource} is {@link Resource#NONE}
 * @param page     a web page, for a browser with a session, not a JSON route for a token
 */
public record Access(String scope, String role, Resource resource, String param, boolean page) {

    /** The "scope" of a page that needs someone signed in: no token carries it, a session does. */
    public static final String SIGNED_IN = "signed-in";

    /** What a caller must be to the resource a path names. */
    public enum Resource { NONE, OWNER, MEMBER }

    public Access {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(param, "param");
        if (scope.equals(SIGNED_IN) != (page && !scope.isEmpty())) {
            throw new IllegalArgumentException("only a page needs someone signed in, and a page needs no token scope");
        }
    }

    public Access(String scope, String role, Resource resource, String param) {
        this(scope, role, resource, param, false);
    }

    /** Anyone, signed in or not: health, readiness, metrics. */
    public static Access anyone() {
        return new Access("", "", Resource.NONE, "");
    }

    /** A caller with a valid token carrying {@code scope}. */
    public static Access scope(String scope) {
        if (scope.isBlank() || scope.equals(SIGNED_IN)) {
            throw new IllegalArgumentException("a token scope is needed; use Access.anyone() for a public route");
        }
        return new Access(scope, "", Resource.NONE, "");
    }

    /** A web page anyone may see: sign-in, sign-up, the stylesheet. */
    public static Access publicPage() {
        return new Access("", "", Resource.NONE, "", true);
    }

    /** A web page for someone signed in (with a session). */
    public static Access signedIn() {
        return new Access(SIGNED_IN, "", Resource.NONE, "", true);
    }

    /** This access, and the caller has {@code role}. */
    public Access role(String role) {
        return new Access(scope, role, resource, param, page);
    }

    /** This access, and the caller owns the resource named by path parameter {@code param}. */
    public Access owner(String param) {
        return new Access(scope, role, Resource.OWNER, param, page);
    }

    /** This access, and the caller belongs to (or owns) the resource named by path parameter {@code param}. */
    public Access member(String param) {
        return new Access(scope, role, Resource.MEMBER, param, page);
    }

    /**
     * Whether a token with {@code scopes} carries this access's scope; a scope ending in {@code *}
     * ({@code publish:*}) is carried by any scope that starts with what comes before it (the handler then checks
     * which one the resource needs).
     */
    public boolean allows(java.util.Set<String> scopes) {
        if (scope.endsWith("*")) {
            String prefix = scope.substring(0, scope.length() - 1);
            return scopes.stream().anyMatch(s -> s.startsWith(prefix) && s.length() > prefix.length());
        }
        return scopes.contains(scope);
    }

    public boolean isPublic() {
        return scope.isEmpty();
    }
}
