package dev.progy.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The HTTP server every capability's routes run in. For each request, in this order: a request id (the
 * client's {@code X-Request-Id} when it is a plain token, else a new one) in the logs and the answer; the route's
 * {@link Access} (401 without a valid token, 403 without the scope) and its {@link RateLimits} (429 with
 * {@code Retry-After}); the handler, whose body reads go through
 * {@link Uploads}; one JSON log line and one timer sample (by method, route and status). Every refusal is JSON
 * {@code {"error", "message"}}; an unexpected failure is logged with its stack trace and answered 500 with only
 * the request id, never a stack trace, a driver's text or a database URL.
 *
 * <p>Against slow clients: a connection idle for {@link HttpSettings#idleTimeout} is closed, a body must arrive at
 * {@link HttpSettings#minDataRate} and within {@link HttpSettings#bodyDeadline}, and only a few bodies are read at
 * once. Stopping closes the listening socket first, lets running requests finish for up to
 * {@link HttpSettings#shutdownGrace}, then stops.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom IDS = new SecureRandom();
    /**
     * The path of the page a browser gets (a GET whose Accept names text/html) for an address the server does not
     * have, when the route table has one; API clients keep the JSON 404.
     */
    public static final String NOT_FOUND_PAGE = "/not-found";
    private static final String REQUEST_ID = "progy.requestId";
    private static final String ROUTE = "progy.route";

    private final Javalin app;
    private final Server jetty;
    private final HttpSettings settings;
    private final AtomicInteger running;

    private HttpServer(Javalin app, Server jetty, HttpSettings settings, AtomicInteger running) {
        this.app = app;
        this.jetty = jetty;
        this.settings = settings;
        this.running = running;
    }

    /** Starts serving {@code routes}; throws when the address cannot be listened on. */
    public static HttpServer start(List<Route> routes, Authenticator authenticator, MeterRegistry metrics,
                                   HttpSettings settings) {
        return start(routes, authenticator, RateLimits.none(), metrics, settings);
    }

    /** Starts serving {@code routes} within {@code rates}; throws when the address cannot be listened on. */
    public static HttpServer start(List<Route> routes, Authenticator authenticator, RateLimits rates,
                                   MeterRegistry metrics, HttpSettings settings) {
        return start(routes, List.of(), authenticator, rates, metrics, settings);
    }

    /** Starts serving {@code routes} and the WebSocket endpoints {@code sockets} within {@code rates}. */
    public static HttpServer start(List<Route> routes, List<Socket> sockets, Authenticator authenticator,
                                   RateLimits rates, MeterRegistry metrics, HttpSettings settings) {
        Uploads uploads = new Uploads(settings.uploads(), settings.uploadsPerAccount(), settings.bodyDeadline());
        AtomicInteger running = new AtomicInteger();
        AtomicReference<Server> jetty = new AtomicReference<>();
        QueuedThreadPool threads = new QueuedThreadPool(settings.threads(), Math.min(8, settings.threads()), 60_000);
        threads.setName("progy-http");
        Gauge.builder("progy.http.threads.busy", threads, QueuedThreadPool::getBusyThreads).register(metrics);
        Gauge.builder("progy.http.requests.running", running, AtomicInteger::get).register(metrics);
        Gauge.builder("progy.http.bodies.reading", uploads, u -> u.reading(settings.uploads())).register(metrics);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(h -> {
                h.setMinRequestDataRate(settings.minDataRate());
                h.setSendServerVersion(false);
                h.setSendXPoweredBy(false);
                h.setRequestHeaderSize(16 * 1024);
            });
            config.jetty.modifyServer(s -> {
                jetty.set(s);
                s.setStopTimeout(settings.shutdownGrace().toMillis());
                s.setErrorHandler(new JsonErrorHandler());
            });
            config.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new MethodOverrideFilter()),
                    "/*", EnumSet.of(DispatcherType.REQUEST)));
            for (Route route : routes) {
                io.javalin.http.Handler h = ctx -> serve(ctx, route, authenticator, rates, uploads, metrics, running);
                switch (route.method()) {
                    case GET -> config.routes.get(route.path(), h);
                    case POST -> config.routes.post(route.path(), h);
                    case PUT -> config.routes.put(route.path(), h);
                    case DELETE -> config.routes.delete(route.path(), h);
                }
            }
            for (Socket socket : sockets) {
                Route opening = Route.get(socket.path(), Access.anyone(), x -> new Reply(204, "text/plain", new byte[0]))
                        .rate(RateClass.WRITE);
                config.routes.wsBeforeUpgrade(socket.path(), ctx -> {
                    requestId(ctx);
                    String address = rates.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
                    try {
                        ApiException refused = null;
                        try {
                            socket.upgrade().check(ctx);
                        } catch (ApiException e) {
                            refused = e;
                        }
                        // every attempt counts, refused or not: per account once known, else per address
                        rates.take(opening, Optional.ofNullable(ctx.attribute(Socket.CALLER)), address);
                        if (refused != null) {
                            throw refused;
                        }
                    } catch (ApiException e) {
                        record(metrics, "GET", socket.path(), e.status(), 0);
                        e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
                        throw new io.javalin.http.HttpResponseException(e.status(), e.getMessage());
                    }
                });
                config.routes.ws(socket.path(), socket.handlers());
            }
            Route notFoundPage = routes.stream().filter(r -> r.path().equals(NOT_FOUND_PAGE)
                    && r.method() == Route.Method.GET).findFirst().orElse(null);
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ROUTE) == null) {
                    if (notFoundPage != null && wantsHtml(ctx)) {
                        serve(ctx, notFoundPage, authenticator, rates, uploads, metrics, running);
                    } else {
                        unmatched(ctx, metrics, 404, "not_found", "There is no such address on this server.");
                    }
                }
            });
            config.routes.error(405, ctx -> unmatched(ctx, metrics, 405, "method_not_allowed",
                    "This address does not take " + ctx.req().getMethod() + " requests."));
        });
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
        for (Connector c : jetty.get().getConnectors()) {
            if (c instanceof AbstractConnector a) {
                a.setIdleTimeout(settings.idleTimeout().toMillis());
            }
        }
        return new HttpServer(app, jetty.get(), settings, running);
    }

    public int port() {
        return app.port();
    }

    private static void serve(Context ctx, Route route, Authenticator authenticator, RateLimits rates,
                              Uploads uploads, MeterRegistry metrics, AtomicInteger running) {
        long start = System.nanoTime();
        running.incrementAndGet();
        String id = requestId(ctx);
        ctx.attribute(ROUTE, route.path());
        MDC.put("request_id", id);
        int status = 500;
        try {
            Optional<Caller> caller = authorize(ctx, route, authenticator, rates);
            Reply reply = route.handler().handle(new Exchange() {
                @Override
                public Caller caller() {
                    return caller.orElseThrow(() -> new IllegalStateException(route.path() + " is public"));
                }

                @Override
                public String requestId() {
                    return id;
                }

                @Override
                public String pathParam(String name) {
                    return ctx.pathParam(name);
                }

                @Override
                public byte[] body() {
                    byte[] body = raw();
                    JsonCheck.check(body, route.limits());
                    return body;
                }

                @Override
                public byte[] bytes() {
                    return raw();
                }

                @Override
                public Optional<Caller> bearer() {
                    if (caller.isPresent()) {
                        return caller;
                    }
                    String header = ctx.header("Authorization");
                    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                            ? authenticator.bearer(header.substring(7).trim()) : Optional.empty();
                }

                @Override
                public Map<String, List<String>> form() {
                    String type = ctx.contentType();
                    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                        throw new ApiException(415, "unsupported_media_type",
                                "This address takes an HTML form (application/x-www-form-urlencoded).");
                    }
                    return Forms.parse(raw(), route.limits());
                }

                private byte[] raw() {
                    long length = ctx.req().getContentLengthLong();
                    try {
                        return uploads.read(ctx.req().getInputStream(), length, route.limits(), caller);
                    } catch (IOException e) {
                        throw new ApiException(400, "bad_request", "The request body could not be read.");
                    }
                }

                @Override
                public Optional<String> header(String name) {
                    return Optional.ofNullable(ctx.header(name));
                }

                @Override
                public Optional<String> cookie(String name) {
                    return Optional.ofNullable(ctx.cookie(name));
                }

                @Override
                public Optional<String> query(String name) {
                    return Optional.ofNullable(ctx.queryParam(name));
                }

                @Override
                public String path() {
                    return ctx.path();
                }

                @Override
                public String remoteAddress() {
                    return ctx.req().getRemoteAddr();
                }
            });
            status = reply.status();
            for (Reply.Header h : reply.headers()) {
                ctx.res().addHeader(h.name(), h.value());
            }
            ctx.status(status).contentType(reply.contentType()).result(reply.body());
        } catch (ApiException e) {
            status = e.status();
            e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
            if (status == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            error(ctx, status, e.code(), e.getMessage(), e.extra());
        } catch (RuntimeException e) {
            status = 500;
            LOG.atError().setCause(e).addKeyValue("route", route.path()).log("request failed");
            error(ctx, 500, "server_error", "Something went wrong on the server. It was logged as request " + id
                    + "; give this id to the server's operator.");
        } finally {
            long nanos = System.nanoTime() - start;
            record(metrics, route.method().name(), route.path(), status, nanos);
            LOG.atInfo().addKeyValue("method", route.method().name()).addKeyValue("route", route.path())
                    .addKeyValue("status", status).addKeyValue("ms", TimeUnit.NANOSECONDS.toMillis(nanos))
                    .log("request");
            MDC.remove("request_id");
            running.decrementAndGet();
        }
    }

    /**
     * Who asks, and whether they may: the token's account (401 without a valid one), one request from the
     * account's bucket for the route (from the network address's when anonymous; 429 when empty), then the
     * route's scope, role and resource (403).
     */
    private static Optional<Caller> authorize(Context ctx, Route route, Authenticator authenticator,
                                              RateLimits rates) {
        if (route.access().isPublic() || route.access().page()) {
            // a page's session is checked by its page wrapper (dev.progy.server.web.WebPages)
            rates.take(route, Optional.empty(), rates.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
            return Optional.empty();
        }
        String header = ctx.header("Authorization");
        Optional<Caller> caller = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authenticator.bearer(header.substring(7).trim()) : Optional.empty();
        rates.take(route, caller, rates.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
        if (caller.isEmpty()) {
            throw new ApiException(401, "unauthorized",
                    "A valid bearer token is needed: send Authorization: Bearer <token> of your account.");
        }
        Access access = route.access();
        if (!access.allows(caller.get().scopes())) {
            throw new ApiException(403, "forbidden", "Your token may not do this: it needs the scope "
                    + access.scope().replace("*", "<scope>") + ".");
        }
        if (!access.role().isEmpty() && !access.role().equals(caller.get().role())) {
            throw new ApiException(403, "forbidden", "Only an account with the role " + access.role()
                    + " may do this.");
        }
        if (access.resource() != Access.Resource.NONE
                && !authenticator.is(caller.get(), access.resource(), ctx.pathParam(access.param()))) {
            throw new ApiException(403, "forbidden", access.resource() == Access.Resource.OWNER
                    ? "Only an owner of " + ctx.pathParam(access.param()) + " may do this."
                    : "Only a member of " + ctx.pathParam(access.param()) + " may see this.");
        }
        return caller;
    }

    private static String requestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && CLIENT_ID.matcher(given).matches() ? given : newId();
        ctx.header("X-Request-Id", id);
        return id;
    }

    private static String newId() {
        byte[] b = new byte[8];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Whether a browser asks: a GET whose Accept names HTML (an API client asks for JSON, or anything). */
    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return ctx.req().getMethod().equals("GET") && accept != null
                && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static void unmatched(Context ctx, MeterRegistry metrics, int status, String code, String message) {
        requestId(ctx);
        error(ctx, status, code, message);
        record(metrics, ctx.req().getMethod(), "unmatched", status, 0);
    }

    private static void record(MeterRegistry metrics, String method, String route, int status, long nanos) {
        Timer.builder("progy.http.requests").description("requests by route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram(false)
                .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Answers {@code {"error": code, "message": message}}. */
    static void error(Context ctx, int status, String code, String message) {
        error(ctx, status, code, message, Map.of());
    }

    /** Answers {@code {"error": code, "message": message}} and the {@code extra} text fields, in a stable order. */
    static void error(Context ctx, int status, String code, String message, Map<String, String> extra) {
        ctx.status(status).contentType("application/json").result(json(g -> {
            g.writeStringField("error", code);
            g.writeStringField("message", message);
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(extra).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }));
    }

    /** Writes one JSON object's fields. */
    public interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON object of {@code fields}. */
    public static byte[] json(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Stops: no new connections, running requests finish (up to the grace period), then the server stops.
     */
    @Override
    public void close() {
        List<NetworkConnector> listening = new ArrayList<>();
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof NetworkConnector n) {
                listening.add(n);
            }
        }
        listening.forEach(NetworkConnector::close);
        long until = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (running.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }
}
