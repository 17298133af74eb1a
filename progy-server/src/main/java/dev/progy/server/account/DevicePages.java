package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDeviceCodes;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The device approval page, where a signed-in person finishes {@code progy login}: {@code GET /device} asks for the
 * code the terminal shows ({@code GET /device/<code>}, the link the terminal shows, and {@code ?code=} fill it in); {@code POST /device} shows which client asks for which
 * scopes and under what name, with Approve (choosing when the token expires) and Deny; {@code POST /device/approve}
 * and {@code /device/deny} decide. Every form carries the session's CSRF token (checked by {@link WebPages}), and a
 * wrong code counts against the person and their address ({@link DeviceLogin}).
 */
public final class DevicePages {

    static final String DEVICE = DeviceRoutes.PAGE;

    private final DeviceLogin login;

    private DevicePages(DeviceLogin login) {
        this.login = login;
    }

    public static List<Route> routes(WebPages web, DeviceLogin login) {
        DevicePages p = new DevicePages(login);
        return List.of(
                web.get(DEVICE, Access.signedIn(), page -> p.enter(page, 200, filled(page.query("code")), "")),
                // the link progy login shows: a path, not a query, so it survives the detour through sign-in
                web.get(DEVICE + "/{code}", Access.signedIn(), page -> p.enter(page, 200,
                        filled(Optional.of(page.pathParam("code"))), "")),
                web.post(DEVICE, Access.signedIn(), p::confirm),
                web.post(DEVICE + "/approve", Access.signedIn(), page -> p.decide(page, true)),
                web.post(DEVICE + "/deny", Access.signedIn(), page -> p.decide(page, false)));
    }

    /** The code to fill in: {@code given} when it can be a user code, as shown; else nothing. */
    private static String filled(Optional<String> given) {
        return given.flatMap(DeviceLogin::normalised).map(DeviceLogin::shown).orElse("");
    }

    private Reply enter(Page page, int status, String code, String error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("step", "enter");
        params.put("code", code);
        params.put("error", error);
        return page.render(status, "device.jte", "Sign in a computer", params);
    }

    private Reply confirm(Page page) {
        String code = page.field("code").strip();
        Optional<HubDeviceCodes.Request> request;
        try {
            request = login.find(code, person(page), page.from());
        } catch (DeviceLogin.TooManyGuesses e) {
            return tooMany(page, e);
        }
        if (request.isEmpty()) {
            return enter(page, 404, code.length() <= 20 ? code : "", noSuchCode());
        }
        HubDeviceCodes.Request r = request.get();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("step", "confirm");
        params.put("code", DeviceLogin.normalised(code).map(DeviceLogin::shown).orElse(code));
        params.put("client", r.clientId().equals(DeviceLogin.CLIENT_ID) ? "the progy command line (progy-cli)"
                : r.clientId());
        params.put("scopes", List.copyOf(new TreeSet<>(r.scopes())));
        params.put("label", r.label());
        params.put("minutesLeft", Math.max(1, Duration.between(Instant.now(), r.expires()).toMinutes()));
        return page.render(200, "device.jte", "Approve this sign-in?", params);
    }

    private Reply decide(Page page, boolean approve) {
        String code = page.field("code").strip();
        Optional<Instant> expires;
        switch (approve ? page.field("expires") : "never") {
            case "never" -> expires = Optional.empty();
            case "7", "30", "90", "365" -> expires = Optional.of(Instant.now().plus(Duration.ofDays(
                    Long.parseLong(page.field("expires")))));
            default -> {
                return enter(page, 400, "", "Choose when the token expires from the list.");
            }
        }
        HubDeviceCodes.Request r;
        try {
            r = approve ? login.approve(code, person(page), page.from(), expires)
                    : login.deny(code, person(page), page.from());
        } catch (DeviceLogin.TooManyGuesses e) {
            return tooMany(page, e);
        } catch (ProgyException e) {
            return enter(page, 404, "", noSuchCode());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("step", "done");
        params.put("message", approve
                ? "Approved: your terminal signs in as " + page.signedIn().name() + " within a few seconds. The token "
                + "is named \"" + r.label() + "\"; revoke it on your tokens page when you no longer need it."
                : "Denied: that computer is not signed in. Your terminal says so within a few seconds.");
        return page.render(200, "device.jte", approve ? "Signed in" : "Not signed in", params);
    }

    private static People.Person person(Page page) {
        return new People.Person(page.account(), Role.of(page.signedIn().role()));
    }

    private Reply tooMany(Page page, DeviceLogin.TooManyGuesses e) {
        return enter(page, 429, "", e.getMessage() + " " + e.fixHint());
    }

    private static String noSuchCode() {
        return "No sign-in waits for that code. Check it against your terminal; if it expired, run progy login again.";
    }
}
