package dev.progy.server.web;

import dev.progy.error.ProgyException;
import dev.progy.server.http.Caller;
import dev.progy.server.http.Exchange;
import dev.progy.server.http.Reply;
import dev.progy.sync.hub.HubAccount;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page request as a {@link PageHandler} sees it, once {@link WebPages} has checked who is signed in, what the
 * page's {@link dev.progy.server.http.Access} asks, and (for a form) its CSRF token: the signed-in person, the
 * form's fields, and the answers a page gives (a rendered template in the site's frame, a redirect, a new or
 * ended session).
 */
public final class Page {

    private final Exchange exchange;
    private final WebPages web;
    private final Optional<Sessions.Signed> signed;
    private final String csrf;
    private final Map<String, List<String>> form;
    private final boolean secure;
    private final List<Reply.Header> cookies = new ArrayList<>();

    Page(Exchange exchange, WebPages web, Optional<Sessions.Signed> signed, String csrf,
         Map<String, List<String>> form, boolean secure) {
        this.exchange = exchange;
        this.web = web;
        this.signed = signed;
        this.csrf = csrf;
        this.form = form;
        this.secure = secure;
    }

    /** The signed-in person, if any. */
    public Optional<Caller> caller() {
        return signed.map(Sessions.Signed::caller);
    }

    /** The signed-in person's account; on a page for someone signed in, always there. */
    public HubAccount account() {
        return signed.orElseThrow(() -> new IllegalStateException(exchange.path() + " is open to anyone")).account();
    }

    /** The signed-in person; on a page for someone signed in, always there. */
    public Caller signedIn() {
        return signed.orElseThrow(() -> new IllegalStateException(exchange.path() + " is open to anyone")).caller();
    }

    /** The token this page's forms carry in their {@code csrf} field (the frame's templates put it there). */
    public String csrf() {
        return csrf;
    }

    /** The first value of the form field {@code name}, or "" (a POST's form; a GET has none). */
    public String field(String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of the form field {@code name} (checkboxes). */
    public List<String> fields(String name) {
        return form.getOrDefault(name, List.of());
    }

    public String pathParam(String name) {
        return exchange.pathParam(name);
    }

    public Optional<String> query(String name) {
        return exchange.query(name);
    }

    /** The client's network address: the connection's, or the one a trusted reverse proxy says. */
    public String from() {
        return web.from(exchange);
    }

    /** The frame of a page titled {@code title}, for templates that build their own. */
    public Frame frame(String title) {
        return new Frame(title, signed.map(s -> s.caller().name()).orElse(""),
                signed.map(s -> s.caller().role().equals("admin")).orElse(false), csrf);
    }

    /**
     * The template {@code template} (a file in {@code src/main/jte}) rendered with {@code params} and
     * {@code frame}, the page's {@link Frame} titled {@code title}.
     */
    public Reply render(int status, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("frame", frame(title));
        return Reply.text(status, "text/html; charset=utf-8", Templates.render(template, all));
    }

    /** The error page: {@code status}, a heading and what to do. */
    public Reply error(int status, String heading, String message) {
        return render(status, "error.jte", heading, Map.of("message", message));
    }

    /** 303 to {@code to}, a path of this site. */
    public Reply redirect(String to) {
        return Reply.text(303, "text/plain; charset=utf-8", "See " + to).with("Location", to);
    }

    /**
     * Signs {@code account} in: ends the session this browser had (if any), starts a new one with a new id, and
     * sends the browser to {@code to}.
     */
    public Reply signIn(HubAccount account, String to) {
        signed.ifPresent(s -> web.sessions().end(s.id()));
        String id = web.sessions().start(account);
        cookies.add(web.sessionCookie(id, secure));
        return redirect(to);
    }

    /** Ends this browser's session and sends it to {@code to}. */
    public Reply signOut(String to) {
        signed.ifPresent(s -> web.sessions().end(s.id()));
        cookies.add(web.clearSessionCookie(secure));
        return redirect(to);
    }

    /** Ends every session of the signed-in person, on every browser, and sends this one to {@code to}. */
    public Reply signOutEverywhere(String to) {
        web.sessions().endAll(account());
        cookies.add(web.clearSessionCookie(secure));
        return redirect(to);
    }

    /** The sessions the signed-in person has. */
    public int sessionCount() {
        return web.sessions().count(account());
    }

    /** Where to go after sign-in: {@code next} when it is a path of this site, else {@code fallback}. */
    public static String localPath(String next, String fallback) {
        return next != null && next.matches("/[A-Za-z0-9/_@.~-]{0,200}") && !next.startsWith("//") ? next : fallback;
    }

    /**
     * What a person is told of a refusal: its message and what to do. Only for a mistake of theirs: a failure with a
     * cause (the database's) is thrown on, to be logged and answered with the request id, never its text.
     */
    public static String said(ProgyException e) {
        if (e.getCause() != null) {
            throw e;
        }
        return e.getMessage() + " " + e.fixHint();
    }

    /** {@code text} for a URL's query. */
    static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    List<Reply.Header> cookies() {
        return cookies;
    }
}
