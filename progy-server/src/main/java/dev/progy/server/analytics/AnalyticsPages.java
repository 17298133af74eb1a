package dev.progy.server.analytics;

import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubTelemetry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instructor's pages of a course's analytics, for its owners and the members of its organisation only:
 * <ul>
 *   <li>{@code /courses/{scope}/{slug}/analytics?version=V&days=N}: the heatmap (exercises down, measures across,
 *       the number in each cell, coloured by value) and the funnel (how many students started each exercise) as an
 *       inline SVG chart;</li>
 *   <li>{@code /courses/{scope}/{slug}/analytics.csv}: the same figures as CSV.</li>
 * </ul>
 * A figure about fewer installations than the {@code telemetry-min-group} setting is never shown: its cell says so,
 * the CSV leaves it empty and the funnel draws no bar. Anyone else gets the page of something that is not there.
 */
public final class AnalyticsPages {

    static final String PAGE = "/courses/{scope}/{slug}/analytics";
    static final String CSV = "/courses/{scope}/{slug}/analytics.csv";
    static final String EXERCISE = "/courses/{scope}/{slug}/analytics/exercise";
    static final List<String> MEASURES = List.of("Started", "First-try failure", "Attempts to pass",
            "Median time to pass", "Drop-off", "Left here", "Hints");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,64}");

    private final HubTelemetry store;
    private final Clock clock;
    private final int minGroup;

    private AnalyticsPages(HubTelemetry store, Clock clock, int minGroup) {
        this.store = store;
        this.clock = clock;
        this.minGroup = minGroup;
    }

    public static List<Route> routes(WebPages web, HubTelemetry store, Clock clock, int minGroup) {
        AnalyticsPages p = new AnalyticsPages(store, clock, minGroup);
        return List.of(web.get(PAGE, Access.signedIn(), p::page), web.get(CSV, Access.signedIn(), p::csv),
                web.get(EXERCISE, Access.signedIn(), p::exercise));
    }

    private record View(String course, String version, List<String> versions, int days, LocalDate from, LocalDate to,
                        List<HubTelemetry.Figures> figures) { }

    private Optional<View> view(Page page) {
        String scope = page.pathParam("scope");
        String course = (scope.startsWith("@") ? scope : "@" + scope) + "/" + page.pathParam("slug");
        if (!store.manages(course, page.signedIn().account(), page.signedIn().name())) {
            return Optional.empty();
        }
        List<String> versions = store.versions(course);
        String version = page.query("version").filter(v -> VERSION.matcher(v).matches())
                .orElse(versions.isEmpty() ? "" : versions.get(0));
        int days = page.query("days").filter(d -> NUMBER.matcher(d).matches()).map(Integer::parseInt)
                .filter(d -> d >= 1 && d <= 366).orElse(30);
        LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = to.minusDays(days - 1L);
        return Optional.of(new View(course, version, versions, days, from, to,
                version.isEmpty() ? List.of() : store.figures(course, version, from, to)));
    }

    private Reply page(Page page) {
        Optional<View> found = view(page);
        if (found.isEmpty()) {
            return page.error(404, "Page not found", WebPages.NOT_FOUND_TEXT);
        }
        View v = found.get();
        List<long[]> values = new ArrayList<>();
        long[] most = new long[MEASURES.size()];
        for (HubTelemetry.Figures f : v.figures()) {
            long[] n = numbers(f);
            values.add(n);
            for (int i = 0; i < n.length; i++) {
                if (n[i] >= 0) {
                    most[i] = Math.max(most[i], n[i]);
                }
            }
        }
        long widest = 1;
        for (HubTelemetry.Figures f : v.figures()) {
            widest = Math.max(widest, f.started());
        }
        // the template reads plain lists (it sits in the shared web package): one row per exercise, a level per
        // cell (-1: hidden), and per bar its width (0: hidden)
        List<String> exercises = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        List<List<Integer>> levels = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (int r = 0; r < v.figures().size(); r++) {
            HubTelemetry.Figures f = v.figures().get(r);
            long[] n = values.get(r);
            String[] text = texts(f);
            List<String> t = new ArrayList<>();
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < n.length; i++) {
                t.add(n[i] < 0 ? "" : text[i]);
                l.add(n[i] < 0 ? -1 : most[i] == 0 ? 0 : (int) Math.round(5.0 * n[i] / most[i]));
            }
            exercises.add(f.exercise());
            texts.add(t);
            levels.add(l);
            boolean hidden = f.started() < minGroup;
            started.add(f.started());
            widths.add(hidden ? 0 : (int) Math.max(1, Math.round(480.0 * f.started() / widest)));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("course", v.course());
        params.put("version", v.version());
        params.put("versions", v.versions());
        params.put("days", v.days());
        params.put("from", v.from().toString());
        params.put("to", v.to().toString());
        params.put("measures", MEASURES);
        params.put("exercises", exercises);
        params.put("texts", texts);
        params.put("levels", levels);
        params.put("started", started);
        params.put("widths", widths);
        params.put("chartHeight", 16 + exercises.size() * 28);
        params.put("minGroup", minGroup);
        params.put("csv", page.pathParam("scope") + "/" + page.pathParam("slug"));
        return page.render(200, "analytics.jte", v.course() + ": where students struggle", params);
    }

    /**
     * One exercise: its attempts until pass (each number of attempts shown only for a group of at least the
     * threshold), its time to pass quartiles, and its most seen error signatures (each seen at least that often).
     */
    private Reply exercise(Page page) {
        Optional<View> found = view(page);
        String id = page.query("exercise").orElse("");
        Optional<HubTelemetry.Figures> figures = found.flatMap(v -> v.figures().stream()
                .filter(f -> f.exercise().equals(id)).findFirst());
        if (figures.isEmpty()) {
            return page.error(404, "Page not found", WebPages.NOT_FOUND_TEXT);
        }
        View v = found.get();
        HubTelemetry.Figures f = figures.get();
        boolean shown = f.started() >= minGroup;
        List<String> attempts = new ArrayList<>();
        List<String> students = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : f.attempts().entrySet()) {
            attempts.add(e.getKey() == HubTelemetry.MOST_ATTEMPTS ? e.getKey() + " or more" : String.valueOf(e.getKey()));
            students.add(shown && e.getValue() >= minGroup ? String.valueOf(e.getValue()) : "");
        }
        List<List<String>> signatures = new ArrayList<>();
        if (shown) {
            for (HubTelemetry.Signature sig : store.signatures(v.course(), v.version(), id, v.from(), v.to(), 10)) {
                if (sig.count() >= minGroup) {
                    signatures.add(List.of(sig.kind(), sig.test(), sig.message(), String.valueOf(sig.count())));
                }
            }
        }
        boolean times = shown && f.passed() >= minGroup;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("course", v.course());
        params.put("version", v.version());
        params.put("from", v.from().toString());
        params.put("to", v.to().toString());
        params.put("minGroup", minGroup);
        params.put("started", shown ? String.valueOf(f.started()) : "");
        params.put("attempts", attempts);
        params.put("students", students);
        params.put("times", times ? List.of(String.valueOf(f.timeP25() / 1000), String.valueOf(f.timeP50() / 1000),
                String.valueOf(f.timeP75() / 1000)) : List.<String>of());
        params.put("signatures", signatures);
        params.put("back", "/courses/" + v.course() + "/analytics?version=" + v.version() + "&days=" + v.days());
        return page.render(200, "analytics-exercise.jte", id + " in " + v.course(), params);
    }

    private Reply csv(Page page) {
        Optional<View> found = view(page);
        if (found.isEmpty()) {
            return page.error(404, "Page not found", WebPages.NOT_FOUND_TEXT);
        }
        View v = found.get();
        StringBuilder out = new StringBuilder("course,version,from,to,exercise,started,first_try_failure_percent,"
                + "attempts_to_pass,median_time_to_pass_s,drop_off,left_here,hints\r\n");
        for (HubTelemetry.Figures f : v.figures()) {
            long[] n = numbers(f);
            out.append(v.course()).append(',').append(v.version()).append(',').append(v.from()).append(',')
                    .append(v.to()).append(',').append(f.exercise());
            String[] text = texts(f);
            for (int i = 0; i < n.length; i++) {
                out.append(',').append(n[i] < 0 ? "" : text[i]);
            }
            out.append("\r\n");
        }
        String file = v.course().substring(1).replace('/', '-') + "-" + v.version() + "-analytics.csv";
        return Reply.text(200, "text/csv; charset=utf-8", out.toString())
                .with("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    /**
     * Each measure's value for colouring (-1 when its group is under the threshold): started, first-try failure
     * in per mille, attempts to pass in tenths, median time in seconds, drop-off (started, not passed), left here
     * (the last exercise of installations not seen for 14 days), hints.
     */
    private long[] numbers(HubTelemetry.Figures f) {
        boolean started = f.started() >= minGroup;
        boolean tries = f.firstTries() >= minGroup;
        boolean passed = f.passed() >= minGroup;
        return new long[] {
            started ? f.started() : -1,
            tries ? Math.round(1000.0 * f.firstFailed() / f.firstTries()) : -1,
            passed ? Math.round(10.0 * f.attemptsToPass() / f.passed()) : -1,
            passed ? f.timeP50() / 1000 : -1,
            started ? f.dropped() : -1,
            started ? f.lastSeen() : -1,
            started ? f.hints() : -1};
    }

    private static String[] texts(HubTelemetry.Figures f) {
        return new String[] {
            String.valueOf(f.started()),
            f.firstTries() == 0 ? "" : String.valueOf(Math.round(100.0 * f.firstFailed() / f.firstTries())),
            f.passed() == 0 ? "" : String.format(Locale.ROOT, "%.1f", (double) f.attemptsToPass() / f.passed()),
            String.valueOf(f.timeP50() / 1000),
            String.valueOf(f.dropped()),
            String.valueOf(f.lastSeen()),
            String.valueOf(f.hints())};
    }
}
