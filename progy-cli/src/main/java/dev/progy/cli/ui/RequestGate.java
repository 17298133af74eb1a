package dev.progy.cli.ui;

import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may talk to {@code progy ui}: only this computer's browser, holding the secret printed at start. The secret
 * comes once in the address and is kept in an HttpOnly, SameSite=Strict cookie; the Host header must name the loopback
 * address and port (another site's name pointing at 127.0.0.1 is refused: DNS rebinding), and a POST must come from
 * the pages themselves (Origin and Sec-Fetch-Site: a form on another site cannot drive it).
 */
final class RequestGate {
    private final String token;
    private final String cookieName;
    private final Set<String> hosts;
    private final Set<String> origins;

    RequestGate(String token, int port) {
        this.token = token;
        this.cookieName = "progy_ui_" + port; // cookies ignore ports: two progy ui on one machine keep their own
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    String cookieName() {
        return cookieName;
    }

    boolean hostAllowed(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    boolean tokenMatches(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    boolean hasCookie(HttpExchange ex) {
        List<String> headers = ex.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(cookieName + "=") && tokenMatches(p.substring(cookieName.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    String setCookie() {
        return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** Why a state-changing request is refused, or empty when it came from the pages. */
    Optional<String> foreign(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("it came from another site (" + origin + ")");
        }
        String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("the browser says it came from " + site + " content");
        }
        return Optional.empty();
    }
}
