package dev.progy.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.progy.error.NotFoundException;
import dev.progy.Progy;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.model.Exercise;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code progy ui}'s web server: the JDK's own, on 127.0.0.1 only. Every route passes {@link RequestGate} first,
 * reads files only through {@link WorkspaceFiles}, and does only what a {@code progy} command does, through the
 * {@link Progy} façade and the CLI's {@link UiHooks}.
 */
public final class UiServer implements AutoCloseable {
    private static final String SECURITY_HEADERS_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final HttpServer http;
    private final RequestGate gate;
    private final String token;
    private final Progy progy;
    private final Workspace ws;
    private final UiHooks hooks;
    private final WorkspaceFiles files;
    private final CoursePages pages;
    private final RunFeed feed;
    private final ExecutorService threads;
    private final Clock clock;
    private final Duration idleTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long lastSeen;

    private UiServer(Progy progy, Workspace ws, UiHooks hooks, int port, Duration idleTimeout, Clock clock) throws IOException {
        this.progy = progy;
        this.ws = ws;
        this.hooks = hooks;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.files = new WorkspaceFiles(ws.root());
        this.pages = new CoursePages(progy, ws, hooks, files);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "progy-ui");
            t.setDaemon(true);
            return t;
        });
        this.feed = new RunFeed(progy, ws, hooks, threads, pages::resultHtml);
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // small pages go out at once instead of waiting on the browser's delayed acknowledgement (~40 ms)
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.gate = new RequestGate(token, http.getAddress().getPort());
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        this.lastSeen = clock.millis();
    }

    /**
     * Starts serving the workspace on 127.0.0.1.
     *
     * @param port        0 for a free one
     * @param idleTimeout stop when no page has been open, and nothing asked, for this long
     */
    public static UiServer start(Progy progy, Workspace ws, UiHooks hooks, int port, Duration idleTimeout, Clock clock)
            throws IOException {
        UiServer s = new UiServer(progy, ws, hooks, port, idleTimeout, clock);
        s.http.start();
        Thread idle = new Thread(s::stopWhenIdle, "progy-ui-idle");
        idle.setDaemon(true);
        idle.start();
        return s;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The address to open, with the secret that lets a browser in. */
    public String address() {
        return "http://127.0.0.1:" + port() + "/?token=" + token;
    }

    /** Waits until the server stops (a page's Stop, idleness, or {@link #close}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        feed.close();
        http.stop(0);
        threads.shutdownNow();
        stopped.countDown();
    }

    private void stopWhenIdle() {
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (feed.openStreams() > 0 || feed.running()) {
                    lastSeen = clock.millis();
                } else if (clock.millis() - lastSeen > idleTimeout.toMillis()) {
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        lastSeen = clock.millis();
        try (ex) {
            var headers = ex.getResponseHeaders();
            headers.set("Content-Security-Policy", SECURITY_HEADERS_CSP);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            // same-origin, not no-referrer: with no-referrer a form's POST carries "Origin: null", which the gate refuses
            headers.set("Referrer-Policy", "same-origin");
            headers.set("Cache-Control", "no-store");
            if (!gate.hostAllowed(ex)) {
                refuse(ex, 403, "Refused", "This server answers only at 127.0.0.1:" + port() + " or localhost:" + port()
                        + ", not at another name.", "Open the address progy ui printed.");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            Map<String, List<String>> query = form(ex.getRequestURI().getRawQuery());
            if (path.startsWith("/static/") && ex.getRequestMethod().equals("GET")) {
                staticFile(ex, path.substring("/static/".length()));
                return;
            }
            if (query.containsKey("token") && ex.getRequestMethod().equals("GET")) {
                if (!gate.tokenMatches(first(query, "token"))) {
                    refuse(ex, 403, "Wrong address", "The secret in this address is not the one of this progy ui.",
                            "Open the address progy ui printed in your terminal (it changes every time it starts).");
                    return;
                }
                headers.add("Set-Cookie", gate.setCookie());
                redirect(ex, path);
                return;
            }
            if (!gate.hasCookie(ex)) {
                refuse(ex, 403, "Open the address progy ui printed", "This page needs the secret that progy ui printed "
                        + "when it started, so that nothing else on this computer can use it.",
                        "Copy the whole address (with ?token=…) from the terminal where progy ui runs.");
                return;
            }
            if (ex.getRequestMethod().equals("POST")) {
                Optional<String> foreign = gate.foreign(ex);
                if (foreign.isPresent()) {
                    refuse(ex, 403, "Refused", "This request was refused: " + foreign.get() + ".",
                            "Use the buttons of progy ui's own pages.");
                    return;
                }
                route(ex, path, query, form(new String(ex.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8)));
            } else if (ex.getRequestMethod().equals("GET") || ex.getRequestMethod().equals("HEAD")) {
                route(ex, path, query, null);
            } else {
                refuse(ex, 405, "Not here", "This page takes GET and POST only.", "");
            }
        } catch (NotFoundException e) {
            refuse(ex, 404, "Not found", e.getMessage(), (e.fixHint() == null ? "" : e.fixHint()));
        } catch (ProgyException e) {
            refuse(ex, 409, "Could not do that", e.getMessage(), (e.fixHint() == null ? "" : e.fixHint()));
        } catch (RuntimeException e) {
            refuse(ex, 500, "A bug in progy ui", "Something went wrong: " + e.getMessage(),
                    "Please report it, with what you clicked; the terminal's progy commands still work.");
        }
    }

    private void route(HttpExchange ex, String path, Map<String, List<String>> query, Map<String, List<String>> body)
            throws IOException {
        boolean post = body != null;
        switch (path) {
            case "/" -> html(ex, 200, pages.map());
            case "/exercise" -> {
                Exercise e = exercise(query);
                html(ex, 200, pages.exercise(e, feed.last(e.id()), feed.watching(e.id()), first(query, "notice")));
            }
            case "/events" -> events(ex, exercise(query));
            case "/run" -> {
                requirePost(post);
                Exercise e = exercise(query);
                boolean fromScript = "1".equals(ex.getRequestHeaders().getFirst("X-Progy-Fetch"));
                if (hooks.networkQuestion().isPresent()) {
                    if (fromScript) {
                        plain(ex, 409, RunFeed.NETWORK_FIRST);
                    } else {
                        redirect(ex, "/exercise?id=" + enc(e.id()) + "&notice=" + enc(RunFeed.NETWORK_FIRST) + "#network");
                    }
                } else if (fromScript) {
                    plain(ex, feed.start(e) ? 202 : 409, feed.running() ? "running" : "busy");
                } else {
                    boolean ran = feed.run(e);
                    redirect(ex, "/exercise?id=" + enc(e.id()) + (ran ? "" : "&notice="
                            + enc("Another run is going on: try again when it is over.")) + "#result");
                }
            }
            case "/network" -> {
                requirePost(post);
                Exercise e = exercise(query);
                String answer = first(body, "answer");
                String said = answer.equals("allow") || answer.equals("deny") ? hooks.answerNetwork(answer.equals("allow"))
                        : "Answer with Allow or Decline.";
                redirect(ex, "/exercise?id=" + enc(e.id()) + "&notice=" + enc(said.strip()));
            }
            case "/tutor" -> {
                requirePost(post);
                Exercise e = exercise(query);
                pages.tutor(e, hooks.askTutor(e));
                redirect(ex, "/exercise?id=" + enc(e.id()) + "#tutor");
            }
            case "/lessons" -> html(ex, 200, pages.lessons(exercise(query), first(query, "notice")));
            case "/rate" -> {
                requirePost(post);
                Exercise e = exercise(query);
                String said;
                try {
                    said = hooks.rateLesson(first(body, "lesson"), first(body, "stars"));
                    pages.rated(e, first(body, "lesson"), first(body, "stars"));
                } catch (ProgyException failed) {
                    said = failed.getMessage() + (failed.fixHint() == null ? "" : " " + failed.fixHint());
                }
                redirect(ex, ("lessons".equals(first(body, "back")) ? "/lessons?id=" : "/exercise?id=") + enc(e.id())
                        + "&notice=" + enc(said));
            }
            case "/watch" -> {
                requirePost(post);
                Exercise e = exercise(query);
                boolean on = feed.toggleWatch(e);
                redirect(ex, "/exercise?id=" + enc(e.id()) + "&notice=" + enc(on
                        ? "Watching: each save of the exercise's files runs it again." : "Stopped watching."));
            }
            case "/hint" -> {
                requirePost(post);
                Exercise e = exercise(query);
                pages.hint(e);
                redirect(ex, "/exercise?id=" + enc(e.id()) + "#hints");
            }
            case "/quiz" -> html(ex, 200, pages.quiz(exercise(query), body));
            case "/progress" -> html(ex, 200, pages.progress());
            case "/backup" -> html(ex, 200, pages.save(post ? hooks.backUpNow() : ""));
            case "/sync" -> {
                requirePost(post);
                html(ex, 200, pages.save(hooks.syncNow()));
            }
            case "/open" -> {
                requirePost(post);
                open(ex, first(body, "path"), first(body, "line"));
            }
            case "/file" -> courseFile(ex, first(query, "path"));
            case "/heartbeat" -> plain(ex, 204, "");
            case "/stop" -> {
                requirePost(post);
                html(ex, 200, CoursePages.refused("progy ui stopped", "You can close this tab.",
                        "Run progy ui again to come back."));
                threads.execute(this::close);
            }
            default -> refuse(ex, 404, "Not found", "There is no page " + path + ".", "Start from the course map: /");
        }
    }

    private static void requirePost(boolean post) {
        if (!post) {
            throw new NotFoundException("this action is a button on the exercise's page", "open the course map: /");
        }
    }

    private Exercise exercise(Map<String, List<String>> query) {
        String id = first(query, "id");
        if (id.isEmpty()) {
            throw new NotFoundException("no exercise was named", "open one from the course map: /");
        }
        return progy.exercise(ws, id);
    }

    private void events(HttpExchange ex, Exercise e) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        feed.stream(e.id(), ex.getResponseBody());
    }

    private void open(HttpExchange ex, String path, String line) throws IOException {
        Optional<Path> file = files.file(path);
        if (file.isEmpty()) {
            refuse(ex, 403, "Refused", "Only files inside this workspace can be opened.", "");
            return;
        }
        int at = line.matches("\\d{1,7}") ? Integer.parseInt(line) : 0;
        Optional<List<String>> command = hooks.editor(file.get(), at);
        if (command.isEmpty()) {
            plain(ex, 409, "No editor is set: start progy ui with --editor \"<command>\" (e.g. --editor \"code --goto "
                    + "{file}:{line}\") or set VISUAL or EDITOR.");
            return;
        }
        // no shell: the command's words and the file are separate arguments, whatever the file is called
        new ProcessBuilder(command.get()).directory(ws.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if ("1".equals(ex.getRequestHeaders().getFirst("X-Progy-Fetch"))) {
            plain(ex, 204, "");
        } else {
            String back = ex.getRequestHeaders().getFirst("Referer");
            redirect(ex, back != null && back.startsWith("http://127.0.0.1:" + port() + "/") ? URI.create(back).getRawPath()
                    + (URI.create(back).getRawQuery() == null ? "" : "?" + URI.create(back).getRawQuery()) : "/");
        }
    }

    private void courseFile(HttpExchange ex, String path) throws IOException {
        Optional<Path> file = files.file(path);
        if (file.isEmpty()) {
            refuse(ex, 403, "Refused", "That file is not one of this workspace's.", "");
            return;
        }
        String type = Files.probeContentType(file.get());
        byte[] bytes = Files.readAllBytes(file.get());
        // a course's file is shown, never run as this site's page or script
        ex.getResponseHeaders().set("Content-Type", type != null && type.startsWith("image/") && !type.contains("svg")
                ? type : "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; sandbox");
        send(ex, 200, bytes);
    }

    private void staticFile(HttpExchange ex, String name) throws IOException {
        String type = name.equals("ui.css") ? "text/css; charset=utf-8" : name.equals("ui.js")
                ? "text/javascript; charset=utf-8" : null;
        if (type == null) {
            refuse(ex, 404, "Not found", "There is no such file.", "");
            return;
        }
        try (InputStream in = UiServer.class.getResourceAsStream(name)) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
            send(ex, 200, in.readAllBytes());
        }
    }

    private void refuse(HttpExchange ex, int status, String title, String message, String fix) throws IOException {
        html(ex, status, CoursePages.refused(title, message, fix));
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        send(ex, status, page.getBytes(StandardCharsets.UTF_8));
    }

    private static void plain(HttpExchange ex, int status, String text) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(ex, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().set("Location", to);
        ex.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (status == 204 || ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, List<String>> form(String raw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    private static String first(Map<String, List<String>> m, String key) {
        List<String> v = m.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    private static String enc(String s) {
        return InstructionsHtml.encode(s);
    }
}
