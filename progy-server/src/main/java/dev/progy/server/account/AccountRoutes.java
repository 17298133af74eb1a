package dev.progy.server.account;

import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubMember;
import dev.progy.sync.hub.SyncHub;

import java.util.List;
import java.util.TreeSet;

/**
 * The account's JSON routes, each with its access beside its path:
 * <ul>
 *   <li>{@code GET /api/v1/account} (scope {@code read}): who the token belongs to, their role and the token's
 *       scopes;</li>
 *   <li>{@code GET /api/v1/orgs/{scope}/members} (scope {@code read}, a member of the organisation): its members;</li>
 *   <li>{@code GET /api/v1/admin/users} (scope {@code admin}, role {@code admin}): every account.</li>
 * </ul>
 */
public final class AccountRoutes {

    public static final String ACCOUNT = "/api/v1/account";
    public static final String MEMBERS = "/api/v1/orgs/{scope}/members";
    public static final String USERS = "/api/v1/admin/users";

    private AccountRoutes() { }

    public static List<Route> routes(SyncHub hub) {
        return List.of(
                Route.get(ACCOUNT, Access.scope("read"), x -> Reply.json(200, HttpServer.json(g -> {
                    g.writeStringField("name", x.caller().name());
                    g.writeStringField("role", x.caller().role());
                    g.writeArrayFieldStart("scopes");
                    for (String s : new TreeSet<>(x.caller().scopes())) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                }))),
                Route.get(MEMBERS, Access.scope("read").member("scope"), x -> {
                    List<HubMember> members = hub.members(x.pathParam("scope"));
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeArrayFieldStart("members");
                        for (HubMember m : members) {
                            g.writeStartObject();
                            g.writeStringField("name", m.name());
                            g.writeStringField("role", m.role());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }));
                }),
                Route.get(USERS, Access.scope("admin").role("admin"), x -> {
                    List<SyncHub.AccountSummary> all = hub.accounts();
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeArrayFieldStart("users");
                        for (SyncHub.AccountSummary a : all) {
                            g.writeStartObject();
                            g.writeStringField("name", a.name());
                            g.writeStringField("created", a.createdAt());
                            g.writeBooleanField("revoked", a.revoked());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }));
                }));
    }
}
