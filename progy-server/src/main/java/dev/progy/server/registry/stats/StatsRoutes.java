package dev.progy.server.registry.stats;

import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubDownloads;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public download figures, read from the precomputed tables only (never from the raw events), so they stay fast
 * however many downloads there were; private and deleted courses never appear.
 * <ul>
 *   <li>{@code GET /api/v1/courses/top?period=7d|30d|all&limit=N} (anyone): the most downloaded courses.</li>
 *   <li>{@code GET /api/v1/courses/{scope}/{slug}/stats?days=N} (anyone): a course's all-time total and its daily
 *       downloads over the last {@code N} complete days (UTC), 404 for a course not public.</li>
 * </ul>
 * A download is a client of the CLI that fetched a version on a day: the same client again that day counts once.
 */
public final class StatsRoutes {

    public static final String TOP = "/api/v1/courses/top";
    public static final String STATS = "/api/v1/courses/{scope}/{slug}/stats";
    static final int MOST_LISTED = 100;
    static final int MOST_DAYS = 366;
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    private StatsRoutes() { }

    public static List<Route> routes(HubDownloads store, Clock clock) {
        return List.of(
                Route.get(TOP, Access.anyone(), x -> {
                    String period = x.query("period").orElse("7d");
                    if (!HubDownloads.PERIODS.contains(period)) {
                        throw new ApiException(400, "bad_request", "The period should be 7d, 30d or all, not \""
                                + period + "\".");
                    }
                    int limit = number(x.query("limit"), "limit", 10, MOST_LISTED);
                    List<HubDownloads.Ranked> top = store.top(period, limit);
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeStringField("period", period);
                        g.writeArrayFieldStart("courses");
                        for (HubDownloads.Ranked r : top) {
                            g.writeStartObject();
                            g.writeStringField("name", r.course());
                            g.writeNumberField("downloads", r.downloads());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    })).with("Cache-Control", "public, max-age=300");
                }),
                Route.get(STATS, Access.anyone(), x -> {
                    String scope = x.pathParam("scope");
                    String name = (scope.startsWith("@") ? scope : "@" + scope) + "/" + x.pathParam("slug");
                    int days = number(x.query("days"), "days", 30, MOST_DAYS);
                    LocalDate last = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
                    HubDownloads.Series s = store.series(name, last.minusDays(days - 1L), last).orElseThrow(() ->
                            new ApiException(404, "not_found", "There is no public course " + name + "."));
                    return Reply.json(200, HttpServer.json(g -> {
                        g.writeStringField("name", s.course());
                        g.writeNumberField("total", s.total());
                        g.writeArrayFieldStart("days");
                        for (HubDownloads.Day d : s.days()) {
                            g.writeStartObject();
                            g.writeStringField("day", d.day());
                            g.writeNumberField("downloads", d.downloads());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    })).with("Cache-Control", "public, max-age=300");
                }));
    }

    private static int number(Optional<String> given, String what, int fallback, int most) {
        if (given.isEmpty()) {
            return fallback;
        }
        String v = given.get();
        if (!NUMBER.matcher(v).matches() || Integer.parseInt(v) < 1 || Integer.parseInt(v) > most) {
            throw new ApiException(400, "bad_request", "The " + what + " should be a number from 1 to " + most
                    + ", not \"" + v + "\".");
        }
        return Integer.parseInt(v);
    }
}
