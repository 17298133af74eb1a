package dev.progy.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The routes an operator's tools call, public and telling nothing about the configuration:
 * <ul>
 *   <li>{@code GET /api/v1/health}: the process answers (liveness): {@code {"status":"up"}};</li>
 *   <li>{@code GET /api/v1/ready}: the database answers and has every migration applied: 200
 *       {@code {"status":"ready"}}, else 503 {@code {"status":"not_ready"}} (take the instance out of rotation);</li>
 *   <li>{@code GET /metrics}: Prometheus metrics (requests by route and status, latency, database pool, JVM);</li>
 *   <li>{@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the JSON API, {@code openapi}.</li>
 * </ul>
 */
public final class Probes {

    public static final String HEALTH = "/api/v1/health";
    public static final String READY = "/api/v1/ready";
    public static final String METRICS = "/metrics";
    public static final String OPENAPI = "/api/v1/openapi.json";

    private Probes() { }

    /** The probes, never rate limited: load balancers and scrapers poll them. */
    public static List<Route> routes(BooleanSupplier ready, PrometheusMeterRegistry metrics, byte[] openapi) {
        return List.of(
                Route.get(OPENAPI, Access.anyone(), x -> Reply.json(200, openapi)).rate(RateClass.UNLIMITED),
                Route.get(HEALTH, Access.anyone(), x -> Reply.json(200, HttpServer.json(g ->
                        g.writeStringField("status", "up")))).rate(RateClass.UNLIMITED),
                Route.get(READY, Access.anyone(), x -> {
                    boolean up = ready.getAsBoolean();
                    return Reply.json(up ? 200 : 503, HttpServer.json(g ->
                            g.writeStringField("status", up ? "ready" : "not_ready")));
                }).rate(RateClass.UNLIMITED),
                Route.get(METRICS, Access.anyone(), x -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape())).rate(RateClass.UNLIMITED));
    }
}
