package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDirectory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organisations: the ones one belongs to and a form to make one (its maker is its first owner); an organisation's
 * page, seen by its members, where its owners add and remove members and owners (never the last owner).
 */
public final class OrgPages {

    static final String ORGS = "/orgs";

    private final People people;
    private final HubDirectory directory;

    private OrgPages(People people, HubDirectory directory) {
        this.people = people;
        this.directory = directory;
    }

    public static List<Route> routes(WebPages web, People people, HubDirectory directory) {
        OrgPages p = new OrgPages(people, directory);
        return List.of(
                web.get(ORGS, Access.signedIn(), page -> p.list(page, 200, "", "")),
                web.post(ORGS, Access.signedIn(), p::create),
                web.get(ORGS + "/{scope}", Access.signedIn().member("scope"), page -> p.org(page, 200,
                        page.query("done").filter("members"::equals).map(d -> "The members were changed.").orElse(""),
                        "")),
                web.post(ORGS + "/{scope}/members", Access.signedIn().owner("scope"), p::change));
    }

    private Reply list(Page page, int status, String scope, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("orgs", directory.organisations(page.account()));
        params.put("scope", scope);
        params.put("error", error);
        return page.render(status, "orgs.jte", "Organisations", params);
    }

    private Reply create(Page page) {
        String scope = page.field("scope").trim();
        if (!scope.startsWith("@")) {
            scope = "@" + scope;
        }
        try {
            people.createOrganisation(scope, page.account());
        } catch (ProgyException e) {
            return list(page, 400, page.field("scope"), Page.said(e));
        }
        return page.redirect(ORGS + "/" + scope);
    }

    private Reply org(Page page, int status, String message, String error) {
        String scope = page.pathParam("scope");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("scope", scope);
        params.put("members", people.members(scope));
        params.put("owner", people.isOwner(scope, page.account()));
        params.put("message", message);
        params.put("error", error);
        return page.render(status, "org.jte", scope, params);
    }

    private Reply change(Page page) {
        String scope = page.pathParam("scope");
        String name = page.field("name").trim();
        Optional<String> role;
        switch (page.field("action")) {
            case "owner" -> role = Optional.of("owner");
            case "member" -> role = Optional.of("member");
            case "remove" -> role = Optional.empty();
            default -> {
                return org(page, 400, "", "Choose to add someone as a member or an owner, or to remove them.");
            }
        }
        if (name.isEmpty()) {
            return org(page, 400, "", "Give the name of the person, as they signed up with it.");
        }
        try {
            directory.changeMember(scope, name, role);
        } catch (ProgyException e) {
            return org(page, 400, "", Page.said(e));
        }
        return page.redirect(ORGS + "/" + scope + "?done=members");
    }
}
