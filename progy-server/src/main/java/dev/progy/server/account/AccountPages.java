package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDirectory;
import dev.progy.sync.hub.HubPerson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of one's own account: sign-up (as the {@link SignUp} setting allows), sign-in (limited per e-mail
 * address and per network address, in the database, so every instance counts alike; a wrong password and an
 * unknown address get the same answer), sign-out, the account page (change the password, sign out everywhere).
 */
public final class AccountPages {

    static final String ACCOUNT = "/account";

    private final WebPages web;
    private final People people;
    private final HubDirectory directory;
    private final SignUp signUp;

    private AccountPages(WebPages web, People people, HubDirectory directory, SignUp signUp) {
        this.web = web;
        this.people = people;
        this.directory = directory;
        this.signUp = signUp;
    }

    public static List<Route> routes(WebPages web, People people, HubDirectory directory, SignUp signUp) {
        AccountPages p = new AccountPages(web, people, directory, signUp);
        return List.of(
                web.get("/", Access.publicPage(), page -> page.redirect(page.caller().isPresent() ? ACCOUNT
                        : WebPages.SIGN_IN)),
                web.get(WebPages.SIGN_IN, Access.publicPage(), page -> p.signInPage(page, 200, "", "")),
                web.post(WebPages.SIGN_IN, Access.publicPage(), p::signIn).rate(RateClass.SIGN_IN),
                web.get("/sign-up", Access.publicPage(), page -> p.signUpPage(page, 200, "", "", "")),
                web.post("/sign-up", Access.publicPage(), p::signUp).rate(RateClass.SIGN_IN),
                web.post("/sign-out", Access.signedIn(), page -> page.signOut(WebPages.SIGN_IN + "?done=signed-out")),
                web.get(ACCOUNT, Access.signedIn(), page -> p.accountPage(page, 200,
                        page.query("done").filter("password"::equals)
                                .map(d -> "Your password was changed; your other browsers were signed out.").orElse(""),
                        "")),
                web.post(ACCOUNT + "/password", Access.signedIn(), p::changePassword),
                web.post(ACCOUNT + "/sign-out-everywhere", Access.signedIn(),
                        page -> page.signOutEverywhere(WebPages.SIGN_IN + "?done=everywhere")));
    }

    private Reply signInPage(Page page, int status, String email, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("email", email);
        params.put("next", Page.localPath(page.query("next").orElse(page.field("next")), ACCOUNT));
        params.put("error", error);
        params.put("message", switch (page.query("done").orElse("")) {
            case "signed-out" -> "You are signed out.";
            case "everywhere" -> "You are signed out on every browser.";
            default -> "";
        });
        return page.render(status, "sign-in.jte", "Sign in", params);
    }

    private Reply signIn(Page page) {
        String email = page.field("email");
        People.SignIn result = people.signIn(email, page.field("password"), page.from());
        if (result.retryAfter().isPresent()) {
            return signInPage(page, 429, email, "Too many sign-ins failed for this address or from your network. "
                    + "Wait " + result.retryAfter().get().toMinutes() + " minutes, then try again.")
                    .with("Retry-After", Long.toString(result.retryAfter().get().toSeconds()));
        }
        if (result.person().isEmpty()) {
            return signInPage(page, 400, email, "The e-mail address or the password is not right. Check both and try "
                    + "again.");
        }
        return page.signIn(result.person().get().account(), Page.localPath(page.field("next"), ACCOUNT));
    }

    private Reply signUpPage(Page page, int status, String name, String email, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", signUp.text());
        params.put("name", name);
        params.put("email", email);
        params.put("error", error);
        return page.render(status, "sign-up.jte", "Sign up", params);
    }

    private Reply signUp(Page page) {
        if (signUp == SignUp.CLOSED) {
            return signUpPage(page, 403, "", "", "");
        }
        String name = page.field("name").trim();
        String email = page.field("email").trim();
        Optional<java.time.Duration> limited = people.signUpLimited(page.from());
        if (limited.isPresent()) {
            return signUpPage(page, 429, name, email, "Too many sign-ups and sign-ins failed from your network. Wait "
                    + limited.get().toMinutes() + " minutes, then try again.")
                    .with("Retry-After", Long.toString(limited.get().toSeconds()));
        }
        try {
            people.checkSignUp(name, email, page.field("password"));
        } catch (ProgyException e) {
            return signUpPage(page, 400, name, email, Page.said(e));
        }
        try {
            People.Person person = signUp == SignUp.INVITE_ONLY
                    ? people.signUpInvited(name, email, page.field("password"), page.field("invite"))
                    : people.signUp(name, email, page.field("password"));
            return page.signIn(person.account(), ACCOUNT);
        } catch (ProgyException e) {
            String said = Page.said(e);
            people.countRefusedSignUp(page.from());
            return signUpPage(page, 400, name, email, said);
        }
    }

    private Reply accountPage(Page page, int status, String message, String error) {
        Optional<HubPerson> person = directory.person(page.account());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("email", person.map(HubPerson::email).orElse(""));
        params.put("role", page.signedIn().role());
        params.put("sessions", page.sessionCount());
        params.put("message", message);
        params.put("error", error);
        return page.render(status, "account.jte", "Your account", params);
    }

    private Reply changePassword(Page page) {
        Optional<HubPerson> person = directory.person(page.account());
        if (person.isEmpty() || person.get().email().isEmpty()) {
            return accountPage(page, 400, "", "This account was made by an operator and has no password to change.");
        }
        People.SignIn check = people.signIn(person.get().email(), page.field("current"), page.from());
        if (check.retryAfter().isPresent()) {
            return accountPage(page, 429, "", "Too many wrong passwords. Wait "
                    + check.retryAfter().get().toMinutes() + " minutes, then try again.")
                    .with("Retry-After", Long.toString(check.retryAfter().get().toSeconds()));
        }
        if (check.person().isEmpty()) {
            return accountPage(page, 400, "", "Your current password is not right.");
        }
        try {
            people.setPassword(page.account(), page.field("password"));
        } catch (ProgyException e) {
            return accountPage(page, 400, "", Page.said(e));
        }
        web.sessions().endAll(page.account());
        return page.signIn(page.account(), ACCOUNT + "?done=password");
    }
}
