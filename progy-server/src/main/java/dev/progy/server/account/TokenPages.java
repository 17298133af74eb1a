package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDirectory;
import dev.progy.sync.hub.SyncHub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens page: one's tokens (what each may do, when it expires; never the token), a form that makes one with
 * the scopes one's role allows, shown once, and a button that revokes each.
 */
public final class TokenPages {

    static final String TOKENS = "/tokens";
    private static final List<String> EVERYONE = List.of("sync", "read", "ai", "telemetry", "live");

    private final SyncHub hub;
    private final HubDirectory directory;

    private TokenPages(SyncHub hub) {
        this.hub = hub;
        this.directory = hub.directory();
    }

    public static List<Route> routes(WebPages web, SyncHub hub) {
        TokenPages p = new TokenPages(hub);
        return List.of(
                web.get(TOKENS, Access.signedIn(), page -> p.list(page, 200, "",
                        page.query("done").filter("revoked"::equals)
                                .map(d -> "The token was revoked: it no longer works.").orElse(""), "")),
                web.post(TOKENS, Access.signedIn(), p::create),
                web.post(TOKENS + "/{id}/revoke", Access.signedIn(), p::revoke));
    }

    /**
     * The scopes the signed-in person may give a token: everyone's, {@code publish:<org>} for each organisation
     * they belong to, and {@code admin} for an administrator.
     */
    private List<String> allowed(Page page) {
        List<String> scopes = new ArrayList<>(EVERYONE);
        for (HubDirectory.Membership m : directory.organisations(page.account())) {
            scopes.add("publish:" + m.scope());
        }
        if (page.signedIn().role().equals(Role.ADMIN.text())) {
            scopes.add("admin");
        }
        return scopes;
    }

    private Reply list(Page page, int status, String created, String message, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tokens", directory.tokens(page.account()));
        params.put("scopes", allowed(page));
        params.put("created", created);
        params.put("message", message);
        params.put("error", error);
        return page.render(status, "tokens.jte", "Tokens", params);
    }

    private Reply create(Page page) {
        String label = page.field("label").trim();
        if (label.isEmpty() || label.length() > 100) {
            return list(page, 400, "", "", "Say what the token is for, in 1 to 100 characters (e.g. laptop).");
        }
        Set<String> scopes = new LinkedHashSet<>(page.fields("scope"));
        if (scopes.isEmpty()) {
            return list(page, 400, "", "", "Choose at least one scope: what the token may do.");
        }
        List<String> allowed = allowed(page);
        for (String s : scopes) {
            if (!allowed.contains(s)) {
                return list(page, 403, "", "", "Your account may not give a token the scope " + s + ".");
            }
        }
        Optional<Instant> expires;
        String days = page.field("expires");
        switch (days) {
            case "never" -> expires = Optional.empty();
            case "7", "30", "90", "365" -> expires = Optional.of(Instant.now().plus(Duration.ofDays(Long.parseLong(days))));
            default -> {
                return list(page, 400, "", "", "Choose when the token expires from the list.");
            }
        }
        try {
            String token = hub.createToken(page.account().name(), scopes, expires, label);
            return list(page, 200, token, "", "");
        } catch (ProgyException e) {
            return list(page, 400, "", "", Page.said(e));
        }
    }

    private Reply revoke(Page page) {
        long id;
        try {
            id = Long.parseLong(page.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || !directory.revokeToken(page.account(), id)) {
            return list(page, 404, "", "", "You have no such token.");
        }
        return page.redirect(TOKENS + "?done=revoked");
    }
}
