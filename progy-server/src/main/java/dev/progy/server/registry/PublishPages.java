package dev.progy.server.registry;

import dev.progy.guard.rule.Finding;
import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An author's pages: {@value #MINE} lists the courses one manages (one's own and one's organisations'), with every
 * version, and for each publish that is pending or was rejected its steps and its Guard report; a publish's page
 * ({@code /publishes/<id>}) shows its steps as they run (the page reloads itself while the publish is pending, no
 * script needed), its report, and the report as SARIF to download. A publish is shown only to the account that
 * made it and the managers of its course; to anyone else it does not exist.
 */
public final class PublishPages {

    static final String MINE = "/my/courses";
    static final String PUBLISH = "/publishes/{id}";
    /** How often a pending publish's page reloads itself, in seconds. */
    static final int REFRESH_SECONDS = 2;

    private final HubRegistry store;

    private PublishPages(Registry registry) {
        this.store = registry.store();
    }

    static List<Route> routes(WebPages web, Registry registry) {
        PublishPages p = new PublishPages(registry);
        return List.of(
                web.get(MINE, Access.signedIn(), p::mine),
                web.get(PUBLISH, Access.signedIn(), p::publish),
                web.get(PUBLISH + "/sarif", Access.signedIn(), p::sarif));
    }

    private Reply mine(Page page) {
        List<HubRegistry.Course> courses = store.managed(page.account().id(), page.account().name());
        Map<String, List<HubRegistry.Version>> versions = new LinkedHashMap<>();
        Map<String, List<HubRegistry.Step>> steps = new LinkedHashMap<>();
        Map<String, String> reports = new LinkedHashMap<>();
        for (HubRegistry.Course c : courses) {
            List<HubRegistry.Version> all = new ArrayList<>(store.versions(c.id()));
            java.util.Collections.reverse(all);
            versions.put(c.name(), all);
            for (HubRegistry.Version v : all) {
                if (!v.state().equals(HubRegistry.LIVE)) {
                    List<HubRegistry.Step> s = store.steps(v.id());
                    steps.put(v.publishId(), s);
                    report(v, s).ifPresent(r -> reports.put(v.publishId(), r));
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("courses", courses);
        params.put("versions", versions);
        params.put("steps", steps);
        params.put("reports", reports);
        return page.render(200, "my-courses.jte", "My courses", params);
    }

    /** The publish the path names, if the signed-in person made it or manages its course. */
    private Optional<HubRegistry.Version> followed(Page page) {
        String id = page.pathParam("id");
        if (id.length() > 100) {
            return Optional.empty();
        }
        long account = page.account().id();
        return store.publish(id).filter(v -> v.publisherId() == account || store.course(v.course())
                .map(c -> store.canManage(c, account, page.account().name())).orElse(false));
    }

    private Reply publish(Page page) {
        Optional<HubRegistry.Version> found = followed(page);
        if (found.isEmpty()) {
            return CatalogPages.notFound(page);
        }
        HubRegistry.Version v = found.get();
        List<HubRegistry.Step> steps = store.steps(v.id());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("version", v);
        params.put("steps", steps);
        params.put("report", report(v, steps).orElse(""));
        params.put("refresh", v.state().equals(HubRegistry.PENDING) ? REFRESH_SECONDS : 0);
        return page.render(200, "publish.jte", "Publish of " + v.course() + " " + v.version(), params);
    }

    private Reply sarif(Page page) {
        Optional<HubRegistry.Version> found = followed(page);
        if (found.isEmpty()) {
            return CatalogPages.notFound(page);
        }
        HubRegistry.Version v = found.get();
        String file = v.course().substring(1).replace('/', '-') + "-" + v.version() + ".sarif";
        return Reply.text(200, "application/sarif+json", GuardFindings.sarif(v.course() + "@" + v.version(),
                findings(store.steps(v.id())))).with("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    /** The Guard's text report of a publish, once the Guard ran (or any step found something). */
    private static Optional<String> report(HubRegistry.Version v, List<HubRegistry.Step> steps) {
        List<Finding> findings = findings(steps);
        boolean guarded = steps.stream().anyMatch(s -> s.step().equals("guard") && !s.state().equals("waiting")
                && !s.state().equals("running"));
        return guarded || !findings.isEmpty() ? Optional.of(GuardFindings.text(v.course() + "@" + v.version(),
                findings)) : Optional.empty();
    }

    private static List<Finding> findings(List<HubRegistry.Step> steps) {
        List<Finding> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(GuardFindings.fromJson(s.findings())));
        return all;
    }
}
