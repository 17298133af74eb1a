package dev.progy.server.web;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Authenticator;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes web pages into routes of the route table. {@link #get} and {@link #post} take a path, its
 * {@link Access} ({@link Access#publicPage()} or {@link Access#signedIn()}, with a role or resource as for a JSON
 * route) and a {@link PageHandler}; before the handler runs, for every page:
 * <ol>
 *   <li>the session cookie is looked up ({@link Sessions}); a page for someone signed in sends an anonymous browser
 *       to {@value #SIGN_IN} (and back after), and answers a 403 page to someone without the role or who is not
 *       an owner or member of the organisation the path names;</li>
 *   <li>a form (every POST) must carry the page's CSRF token in its {@code csrf} field, else a 403 page;</li>
 *   <li>the answer gets the security headers (a strict Content-Security-Policy, no framing, no caching) and the
 *       cookies the page set; a refused form field or an {@link ApiException} becomes an error page.</li>
 * </ol>
 * The stylesheet is served at {@value #STYLESHEET}.
 */
public final class WebPages {

    private static final Logger LOG = LoggerFactory.getLogger(WebPages.class);

    public static final String SIGN_IN = "/sign-in";
    public static final String STYLESHEET = "/static/progy.css";
    /** What a page that is not there says (the same whether it never was, or is not for this person). */
    public static final String NOT_FOUND_TEXT = "There is nothing at this address, or it is not yours to see. "
            + "Check the address, or sign in with the account it belongs to.";
    /** A form's body: a few fields of text, none long. */
    public static final Limits FORM = new Limits(64 * 1024, 0, 10_000);

    static final String FORM_COOKIE = "progy_form";
    private static final String SESSION_COOKIE = "progy_session";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final Sessions sessions;
    private final Authenticator authenticator;
    private final WebSettings settings;

    public WebPages(Sessions sessions, Authenticator authenticator, WebSettings settings) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.settings = settings;
    }

    /** A page shown by GET. */
    public Route get(String path, Access access, PageHandler handler) {
        return Route.get(path, checked(access), x -> serve(x, Route.Method.GET, access, handler));
    }

    /** A form posted to {@code path}: its CSRF token is checked before {@code handler} runs. */
    public Route post(String path, Access access, PageHandler handler) {
        return Route.post(path, checked(access), FORM, x -> serve(x, Route.Method.POST, access, handler));
    }

    /**
     * The routes of the web foundation itself: the stylesheet, and the page a browser gets for an address the
     * server does not have ({@link HttpServer#NOT_FOUND_PAGE}, answered 404 in the site's frame).
     */
    public List<Route> routes() {
        byte[] css = resource("progy.css");
        return List.of(Route.get(STYLESHEET, Access.publicPage(), x -> new Reply(200, "text/css; charset=utf-8", css)
                .with("Cache-Control", "public, max-age=3600").with("X-Content-Type-Options", "nosniff")),
                get(HttpServer.NOT_FOUND_PAGE, Access.publicPage(), page -> page.error(404, "Page not found",
                        NOT_FOUND_TEXT)));
    }

    public Sessions sessions() {
        return sessions;
    }

    private static Access checked(Access access) {
        if (!access.page()) {
            throw new IllegalArgumentException("a page is declared with Access.publicPage() or Access.signedIn()");
        }
        return access;
    }

    private Reply serve(Exchange x, Route.Method method, Access access, PageHandler handler) {
        boolean secure = secure(x);
        Optional<Sessions.Signed> signed = x.cookie(sessionCookieName(secure)).flatMap(sessions::find);
        Reply.Header newFormCookie = null;
        String csrf;
        if (signed.isPresent()) {
            csrf = signed.get().csrf();
        } else {
            String nonce = x.cookie(FORM_COOKIE).filter(Sessions::wellFormed).orElse(null);
            if (nonce == null) {
                nonce = sessions.newFormNonce();
                newFormCookie = new Reply.Header("Set-Cookie", cookie(FORM_COOKIE, nonce, secure, 86_400));
            }
            csrf = sessions.formToken(nonce);
        }
        Page page = new Page(x, this, signed, csrf, Map.of(), secure);
        Reply reply;
        try {
            reply = answer(x, method, access, handler, signed, page, csrf, secure);
        } catch (ApiException e) {
            reply = page.error(e.status(), "That did not work", e.getMessage());
        } catch (ProgyException e) {
            if (e.getCause() == null) {
                reply = page.error(400, "That did not work", Page.said(e));
            } else {
                reply = failed(x, page, e);
            }
        } catch (RuntimeException e) {
            reply = failed(x, page, e);
        }
        if (newFormCookie != null) {
            reply = reply.with(newFormCookie.name(), newFormCookie.value());
        }
        return secured(reply, page);
    }

    /** An unexpected failure: logged with its cause, answered with the request id only, never the cause's text. */
    private static Reply failed(Exchange x, Page page, RuntimeException e) {
        LOG.atError().setCause(e).addKeyValue("route", x.path()).log("page failed");
        return page.error(500, "Something went wrong", "Something went wrong on the server. It was logged as request "
                + x.requestId() + "; give this id to the server's operator.");
    }

    private Reply answer(Exchange x, Route.Method method, Access access, PageHandler handler,
                         Optional<Sessions.Signed> signed, Page page, String csrf, boolean secure) {
        if (!access.isPublic()) {
            if (signed.isEmpty()) {
                return page.redirect(SIGN_IN + (method == Route.Method.GET
                        ? "?next=" + Page.encode(x.path()) : ""));
            }
            String role = signed.get().caller().role();
            if (!access.role().isEmpty() && !access.role().equals(role)) {
                return page.error(403, "Not for your account", "Only an account with the role " + access.role()
                        + " may see this page.");
            }
            if (access.resource() != Access.Resource.NONE) {
                String id = x.pathParam(access.param());
                if (!authenticator.is(signed.get().caller(), access.resource(), id)) {
                    return page.error(403, "Not for your account", access.resource() == Access.Resource.OWNER
                            ? "Only an owner of " + id + " may do this." : "Only a member of " + id + " may see this.");
                }
            }
        }
        if (method == Route.Method.GET) {
            return handler.handle(page);
        }
        Map<String, List<String>> form = x.form();
        List<String> given = form.getOrDefault("csrf", List.of());
        if (given.size() != 1 || !Sessions.same(given.get(0), csrf)) {
            return page.error(403, "This form cannot be accepted",
                    "The form was not sent from this site's page, or the page is out of date (after a sign-in or "
                            + "sign-out). Go back, reload the page and send the form again.");
        }
        Page withForm = new Page(x, this, signed, csrf, form, secure);
        Reply reply = handler.handle(withForm);
        for (Reply.Header h : withForm.cookies()) {
            reply = reply.with(h.name(), h.value());
        }
        return reply;
    }

    private static Reply secured(Reply reply, Page page) {
        for (Reply.Header h : page.cookies()) {
            reply = reply.with(h.name(), h.value());
        }
        // a page that runs its own scripts (the live help page) states its policy; every other gets the strict one
        boolean ownPolicy = reply.headers().stream().anyMatch(h -> h.name().equals("Content-Security-Policy"));
        return (ownPolicy ? reply : reply.with("Content-Security-Policy", CSP)).with("X-Content-Type-Options", "nosniff")
                .with("X-Frame-Options", "DENY").with("Referrer-Policy", "same-origin")
                .with("Cache-Control", "no-store");
    }

    /** Whether the browser reached the server over HTTPS: by the public URL, or a trusted proxy's word. */
    boolean secure(Exchange x) {
        if (settings.publicUrl().startsWith("https://")) {
            return true;
        }
        return settings.trustProxy() && x.header("X-Forwarded-Proto").map(p -> p.trim().equalsIgnoreCase("https"))
                .orElse(false);
    }

    /** The client's address: the last hop a trusted proxy added, else the connection's. */
    String from(Exchange x) {
        if (settings.trustProxy()) {
            Optional<String> forwarded = x.header("X-Forwarded-For");
            if (forwarded.isPresent()) {
                String[] hops = forwarded.get().split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty() && last.length() <= 100) {
                    return last;
                }
            }
        }
        return x.remoteAddress();
    }

    /** Behind HTTPS the cookie is {@code __Host-}: Secure, for this host only, for every path. */
    static String sessionCookieName(boolean secure) {
        return secure ? "__Host-" + SESSION_COOKIE : SESSION_COOKIE;
    }

    Reply.Header sessionCookie(String id, boolean secure) {
        return new Reply.Header("Set-Cookie", cookie(sessionCookieName(secure), id, secure,
                settings.sessionLifetime().toSeconds()));
    }

    Reply.Header clearSessionCookie(boolean secure) {
        return new Reply.Header("Set-Cookie", cookie(sessionCookieName(secure), "", secure, 0));
    }

    private static String cookie(String name, String value, boolean secure, long maxAge) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
