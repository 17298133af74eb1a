package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDirectory;
import dev.progy.sync.hub.HubWeb;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrator's page of people: everyone with their role and AI plan, which an administrator sets; invitation
 * codes.
 */
public final class AdminPages {

    /** The AI plans an administrator assigns (the setting {@code ai-plans}); payments are not Progy's business. */
    public interface Plans {
        /** The plans, the default first. */
        List<String> names();

        /** Every account's plan by name, the default for those never given one ({@code accounts}' names). */
        Map<String, String> plansOf(List<String> accounts);

        /** Gives the account a plan (one of {@link #names()}). */
        void set(String account, String plan);
    }

    static final String USERS = "/admin/users";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final People people;
    private final HubDirectory directory;
    private final HubWeb store;
    private final SignUp signUp;
    private final Plans plans;

    private AdminPages(People people, HubDirectory directory, HubWeb store, SignUp signUp, Plans plans) {
        this.people = people;
        this.directory = directory;
        this.store = store;
        this.signUp = signUp;
        this.plans = plans;
    }

    public static List<Route> routes(WebPages web, People people, HubDirectory directory, HubWeb store,
                                     SignUp signUp, Plans plans) {
        AdminPages p = new AdminPages(people, directory, store, signUp, plans);
        Access admin = Access.signedIn().role(Role.ADMIN.text());
        return List.of(
                web.get(USERS, admin, page -> p.users(page, 200, "", page.query("done")
                        .map(d -> d.equals("role") ? "The role was changed." : d.equals("plan")
                                ? "The AI plan was changed." : "").orElse(""), "")),
                web.post(USERS + "/role", admin, p::setRole),
                web.post(USERS + "/plan", admin, p::setPlan),
                web.post("/admin/invites", admin, p::invite));
    }

    private Reply users(Page page, int status, String invite, String message, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<HubDirectory.PersonSummary> everyone = directory.people();
        params.put("people", everyone);
        params.put("roles", Arrays.stream(Role.values()).map(Role::text).toList());
        params.put("plans", plans.names());
        params.put("planOf", plans.plansOf(everyone.stream().map(HubDirectory.PersonSummary::name).toList()));
        params.put("signUp", signUp.text());
        params.put("invite", invite);
        params.put("message", message);
        params.put("error", error);
        return page.render(status, "admin-users.jte", "People", params);
    }

    private Reply setRole(Page page) {
        Optional<Role> role = Role.parse(page.field("role"));
        if (role.isEmpty()) {
            return users(page, 400, "", "", "Choose a role from the list: student, instructor or admin.");
        }
        try {
            people.setRole(page.field("name"), role.get());
        } catch (ProgyException e) {
            return users(page, 400, "", "", Page.said(e));
        }
        return page.redirect(USERS + "?done=role");
    }

    private Reply setPlan(Page page) {
        String plan = page.field("plan");
        if (!plans.names().contains(plan)) {
            return users(page, 400, "", "", "Choose an AI plan from the list: " + String.join(", ", plans.names())
                    + " (the setting ai-plans).");
        }
        try {
            plans.set(page.field("name"), plan);
        } catch (ProgyException e) {
            return users(page, 400, "", "", Page.said(e));
        }
        return page.redirect(USERS + "?done=plan");
    }

    private Reply invite(Page page) {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        String code = "invite-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        store.addInvite(code, page.account());
        return users(page, 200, code, "", "");
    }
}
