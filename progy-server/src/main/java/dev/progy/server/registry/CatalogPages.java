package dev.progy.server.registry;

import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubDownloads;
import dev.progy.sync.hub.HubRegistry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's public pages: the course list ({@value #COURSES}: search, sort by downloads, name or last update)
 * and a course's page (its README, versions with checksums and sizes, how to install it, and its downloads of the
 * last {@value #CHART_DAYS} days as an inline SVG chart with the figures as a table).
 *
 * <p>What a browser sees is what its signed-in person may see, decided by the registry's rules
 * ({@link HubRegistry#canRead}): a private course is listed only for its readers, and its page is, to anyone else,
 * the very page of a course that does not exist. Download figures are public courses' only.
 */
public final class CatalogPages {

    static final String COURSES = "/courses";
    static final int CHART_DAYS = 30;
    private static final List<String> SORTS = List.of("downloads", "name", "updated");

    private final Registry registry;
    private final HubRegistry store;
    private final HubDownloads downloads;
    private final Clock clock;
    private final Readme readmes = new Readme();

    private CatalogPages(Registry registry, HubDownloads downloads, Clock clock) {
        this.registry = registry;
        this.store = registry.store();
        this.downloads = downloads;
        this.clock = clock;
    }

    /** The catalogue's pages and the author's pages ({@link PublishPages}). */
    public static List<Route> routes(WebPages web, Registry registry, HubDownloads downloads, Clock clock) {
        CatalogPages p = new CatalogPages(registry, downloads, clock);
        List<Route> all = new java.util.ArrayList<>(List.of(
                web.get(COURSES, Access.publicPage(), p::list),
                web.get(COURSES + "/{scope}/{slug}", Access.publicPage(), p::course)));
        all.addAll(PublishPages.routes(web, registry));
        return all;
    }

    /** The page of something that is not there, or not for this person: the same for both, never saying which. */
    static Reply notFound(Page page) {
        return page.error(404, "Page not found", WebPages.NOT_FOUND_TEXT);
    }

    private Reply list(Page page) {
        String q = page.query("q").orElse("").trim();
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        String sort = page.query("sort").filter(SORTS::contains).orElse("downloads");
        List<String> words = Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isBlank())
                .limit(10).toList();
        Optional<Long> account = page.caller().map(c -> c.account());
        Optional<String> name = page.caller().map(c -> c.name());
        List<HubRegistry.Listed> found = store.search(words, account, name, sort.equals("downloads") ? "name" : sort,
                200);
        Map<String, Long> counts = downloads.publicTotals(found.stream().map(HubRegistry.Listed::name).toList());
        if (sort.equals("downloads")) {
            found = found.stream().sorted(Comparator.comparingLong((HubRegistry.Listed l) ->
                    counts.getOrDefault(l.name(), -1L)).reversed().thenComparing(HubRegistry.Listed::name)).toList();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("courses", found);
        params.put("downloads", counts);
        params.put("q", q);
        params.put("sort", sort);
        return page.render(200, "courses.jte", "Courses", params);
    }

    private Reply course(Page page) {
        String name = "@" + page.pathParam("scope").replaceFirst("^@", "") + "/" + page.pathParam("slug");
        Optional<HubRegistry.Course> found = Publishing.NAME.matcher(name).matches() ? store.course(name)
                : Optional.empty();
        Optional<Long> account = page.caller().map(c -> c.account());
        Optional<String> who = page.caller().map(c -> c.name());
        if (found.isEmpty() || !store.canRead(found.get(), account, who)) {
            return notFound(page);
        }
        HubRegistry.Course course = found.get();
        boolean manager = account.isPresent() && store.canManage(course, account.get(), who.orElse(""));
        List<HubRegistry.Version> all = store.versions(course.id());
        List<HubRegistry.Version> live = all.stream().filter(v -> v.state().equals(HubRegistry.LIVE)).toList();
        if (live.isEmpty() && !manager) {
            return notFound(page);
        }
        List<HubRegistry.Version> shown = (manager ? all : live).stream()
                .sorted(Comparator.comparing(HubRegistry.Version::version, (a, b) ->
                        dev.progy.CourseVersions.compare(b, a).orElse(b.compareTo(a)))).toList();
        Optional<HubRegistry.Version> latest = live.stream().filter(v -> !v.yanked())
                .max(Comparator.comparing(HubRegistry.Version::version, (a, b) ->
                        dev.progy.CourseVersions.compare(a, b).orElse(a.compareTo(b))));
        if (latest.isEmpty()) {
            latest = live.stream().max(Comparator.comparingLong(HubRegistry.Version::createdMs));
        }
        String readme = latest.flatMap(v -> v.sha256()).flatMap(sha -> readmes.of(sha,
                () -> registry.blobs().get(PublishPipeline.archiveKey(sha)))).orElse("");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("course", course);
        params.put("versions", shown);
        params.put("latest", latest.map(HubRegistry.Version::version).orElse(""));
        params.put("manager", manager);
        params.put("readme", readme);
        LocalDate last = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        Optional<HubDownloads.Series> series = course.isPrivate() ? Optional.empty()
                : downloads.series(course.name(), last.minusDays(CHART_DAYS - 1L), last);
        params.put("days", series.map(HubDownloads.Series::days).orElse(List.of()));
        params.put("total", series.map(HubDownloads.Series::total).orElse(0L));
        params.put("chart", series.map(s -> DownloadChart.svg(course.name(), s.days().stream()
                .map(d -> new DownloadChart.Day(d.day(), d.downloads())).toList())).orElse(""));
        return page.render(200, "course.jte", course.name(), params);
    }
}
