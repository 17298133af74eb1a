package dev.progy.server.account;

import dev.progy.server.http.Access;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.WebSettings;
import dev.progy.sync.hub.HubDeviceCodes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The device authorization grant's two public endpoints (RFC 8628), which take form-encoded parameters and answer
 * in OAuth's JSON ({@code {"error", "error_description"}} on refusal, plus the house's {@code message}):
 * <ul>
 *   <li>{@code POST /api/v1/device/code} ({@code client_id}, optional {@code scope}, optional {@code device_name}):
 *       {@code device_code}, {@code user_code}, {@code verification_uri}, {@code verification_uri_complete},
 *       {@code expires_in}, {@code interval};</li>
 *   <li>{@code POST /api/v1/device/token} ({@code grant_type} {@value #GRANT_TYPE}, {@code device_code},
 *       {@code client_id}): 400 {@code authorization_pending}, {@code slow_down}, {@code access_denied},
 *       {@code expired_token} or {@code invalid_grant} until approved, then once 200 {@code access_token},
 *       {@code token_type}, {@code scope}, {@code expires_in} (when it expires) and {@code account}.</li>
 * </ul>
 */
public final class DeviceRoutes {

    public static final String CODE = "/api/v1/device/code";
    public static final String TOKEN = "/api/v1/device/token";
    /** The web page where a signed-in person types the code. */
    public static final String PAGE = "/device";
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    /** Parameters are a few short texts. */
    private static final Limits FORM = new Limits(4096, 1, 1000);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private DeviceRoutes() { }

    /**
     * The routes; the page's address is {@code web}'s public URL, else taken from each request's {@code Host} (and
     * {@code X-Forwarded-Proto} from a trusted proxy).
     */
    public static List<Route> routes(DeviceLogin login, WebSettings web) {
        return List.of(
                Route.post(CODE, Access.anyone(), FORM, oauth(x -> {
                    Map<String, String> form = params(x);
                    DeviceLogin.Started s;
                    try {
                        s = login.start(form.get("client_id"), form.get("scope"), form.get("device_name"));
                    } catch (DeviceLogin.Refused e) {
                        return oauthError(400, e.code(), e.getMessage());
                    }
                    String page = base(x, web) + PAGE;
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeStringField("device_code", s.deviceCode());
                        g.writeStringField("user_code", s.userCode());
                        g.writeStringField("verification_uri", page);
                        g.writeStringField("verification_uri_complete", page + "/" + s.userCode());
                        g.writeNumberField("expires_in", s.expiresIn().toSeconds());
                        g.writeNumberField("interval", s.interval());
                    }));
                })).rate(RateClass.SIGN_IN),
                Route.post(TOKEN, Access.anyone(), FORM, oauth(x -> {
                    Map<String, String> form = params(x);
                    String grant = form.get("grant_type");
                    if (grant == null || form.get("device_code") == null || form.get("client_id") == null) {
                        return oauthError(400, "invalid_request",
                                "Send grant_type, device_code and client_id.");
                    }
                    if (!GRANT_TYPE.equals(grant)) {
                        return oauthError(400, "unsupported_grant_type", "This endpoint takes the grant type "
                                + GRANT_TYPE + " only.");
                    }
                    if (!DeviceLogin.CLIENT_ID.equals(form.get("client_id"))) {
                        return oauthError(400, "invalid_client", "This server knows no client "
                                + form.get("client_id") + ".");
                    }
                    return answer(login.poll(form.get("client_id"), form.get("device_code")));
                })));
    }

    private static Reply answer(HubDeviceCodes.Poll poll) {
        if (poll instanceof HubDeviceCodes.Poll.Issued t) {
            return Reply.json(200, HttpServer.json(g -> {
                g.writeStringField("access_token", t.token());
                g.writeStringField("token_type", "Bearer");
                g.writeStringField("scope", String.join(" ", new TreeSet<>(t.scopes())));
                if (t.expires().isPresent()) {
                    g.writeNumberField("expires_in", Math.max(0,
                            t.expires().get().getEpochSecond() - java.time.Instant.now().getEpochSecond()));
                }
                g.writeStringField("account", t.account().name());
            }));
        }
        if (poll instanceof HubDeviceCodes.Poll.SlowDown p) {
            String text = "Polled too often: wait " + p.intervalSeconds() + " seconds between polls.";
            return Reply.json(400, HttpServer.json(g -> {
                g.writeStringField("error", "slow_down");
                g.writeStringField("error_description", text);
                g.writeStringField("message", text);
                g.writeNumberField("interval", p.intervalSeconds());
            }));
        }
        if (poll instanceof HubDeviceCodes.Poll.Pending) {
            return oauthError(400, "authorization_pending",
                    "The request is waiting for its person to approve it on the web page.");
        }
        if (poll instanceof HubDeviceCodes.Poll.Denied) {
            return oauthError(400, "access_denied", "The request was denied on the web page.");
        }
        if (poll instanceof HubDeviceCodes.Poll.Expired) {
            return oauthError(400, "expired_token", "The request expired before it was approved; start again.");
        }
        return oauthError(400, "invalid_grant",
                "No request has this device code, or its token was handed out already.");
    }

    /**
     * The form's parameters, each once (RFC 6749 section 3.1: a parameter sent twice is refused); throws
     * {@code invalid_request} otherwise.
     */
    static Map<String, String> params(Exchange x) {
        Map<String, String> one = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : x.form().entrySet()) {
            if (e.getValue().size() != 1) {
                throw new OAuthRefusal("The parameter " + e.getKey() + " is given more than once.");
            }
            one.put(e.getKey(), e.getValue().get(0));
        }
        return one;
    }

    /** A request OAuth calls {@code invalid_request}: answered in OAuth's form by {@link #oauth}. */
    static final class OAuthRefusal extends RuntimeException {
        OAuthRefusal(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs {@code handler}, answering an {@link OAuthRefusal} as OAuth's {@code invalid_request}; never cached. */
    static Route.Handler oauth(Route.Handler handler) {
        return x -> {
            Reply reply;
            try {
                reply = handler.handle(x);
            } catch (OAuthRefusal e) {
                reply = oauthError(400, "invalid_request", e.getMessage());
            }
            // answers carry codes and tokens: no cache may keep them (RFC 6749 section 5.1, RFC 8628 section 3.2)
            return reply.with("Cache-Control", "no-store").with("Pragma", "no-cache");
        };
    }

    /** OAuth's error answer (RFC 6749 section 5.2), with the house's {@code message} beside it. */
    static Reply oauthError(int status, String code, String description) {
        return Reply.json(status, HttpServer.json(g -> {
            g.writeStringField("error", code);
            g.writeStringField("error_description", description);
            g.writeStringField("message", description);
        }));
    }

    private static String base(Exchange x, WebSettings web) {
        if (!web.publicUrl().isBlank()) {
            return web.publicUrl().replaceAll("/+$", "");
        }
        Optional<String> host = x.header("Host").filter(h -> HOST.matcher(h).matches());
        String scheme = web.trustProxy() && x.header("X-Forwarded-Proto").filter(p -> p.trim().equals("https"))
                .isPresent() ? "https" : "http";
        return scheme + "://" + host.orElse("localhost");
    }
}
