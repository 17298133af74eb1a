package dev.progy.server.account;

import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubDirectory;
import dev.progy.sync.hub.SyncHub;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A person's own tokens, never anyone else's, and never a token's value (only its hash is kept):
 * <ul>
 *   <li>{@code GET /api/v1/tokens} (scope {@code read}): the caller's tokens, newest first: id, name, scopes,
 *       created, expires, and whether it is active (neither revoked nor expired);</li>
 *   <li>{@code POST /api/v1/tokens/{id}/revoke} (scope {@code read}): revokes one of the caller's tokens; 404 when
 *       the caller has no such token;</li>
 *   <li>{@code POST /api/v1/tokens/revoke} (public; RFC 7009's revocation endpoint): revokes the token sent as the
 *       {@code token} parameter. Holding a token is the right to revoke it, whatever its scopes, so
 *       {@code progy logout} works with any token; the answer is 200 whether or not it was a live token, as RFC
 *       7009 says, so it tells a guesser nothing.</li>
 * </ul>
 */
public final class TokenRoutes {

    public static final String TOKENS = "/api/v1/tokens";
    public static final String REVOKE_ONE = "/api/v1/tokens/{id}/revoke";
    public static final String REVOKE = "/api/v1/tokens/revoke";

    private static final Limits FORM = new Limits(4096, 1, 1000);

    private TokenRoutes() { }

    public static List<Route> routes(SyncHub hub) {
        return List.of(
                Route.get(TOKENS, Access.scope("read"), x -> {
                    List<HubDirectory.TokenSummary> all = hub.directory().tokens(account(x));
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeArrayFieldStart("tokens");
                        for (HubDirectory.TokenSummary t : all) {
                            g.writeStartObject();
                            // as text: JavaScript's numbers lose digits past 2^53
                            g.writeStringField("id", Long.toString(t.id()));
                            g.writeStringField("name", t.label());
                            g.writeArrayFieldStart("scopes");
                            for (String s : new TreeSet<>(t.scopes())) {
                                g.writeString(s);
                            }
                            g.writeEndArray();
                            g.writeStringField("created", t.createdAt());
                            if (t.expires().isPresent()) {
                                g.writeStringField("expires", t.expires().get().toString());
                            } else {
                                g.writeNullField("expires");
                            }
                            g.writeBooleanField("active", t.active());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }));
                }),
                Route.post(REVOKE_ONE, Access.scope("read"), FORM, x -> {
                    long id;
                    try {
                        id = Long.parseLong(x.pathParam("id"));
                    } catch (NumberFormatException e) {
                        id = -1;
                    }
                    if (id < 0 || !hub.directory().revokeToken(account(x), id)) {
                        throw new ApiException(404, "not_found", "You have no token " + x.pathParam("id")
                                + "; list yours with GET " + TOKENS + ".");
                    }
                    long revoked = id;
                    return Reply.json(200, HttpServer.json(g -> g.writeStringField("revoked", Long.toString(revoked))));
                }),
                Route.post(REVOKE, Access.anyone(), FORM, DeviceRoutes.oauth(x -> {
                    Map<String, String> form = DeviceRoutes.params(x);
                    String token = form.get("token");
                    if (token == null || token.isEmpty()) {
                        return DeviceRoutes.oauthError(400, "invalid_request", "Send the token to revoke as the "
                                + "parameter token.");
                    }
                    hub.revokeBearer(token);
                    return Reply.json(200, HttpServer.json(g -> { }));
                })));
    }

    private static HubAccount account(Exchange x) {
        return new HubAccount(x.caller().account(), x.caller().name());
    }
}
