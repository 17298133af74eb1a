package dev.progy.server.jobs;

import dev.progy.server.http.Access;
import dev.progy.server.http.Route;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubJobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/jobs}, the administrator's page of durable jobs: how many are in each state on the database, then
 * the jobs not done and the latest done, as {@link JobRoutes} lists them in JSON. Payloads are not shown.
 */
public final class JobPages {

    public static final String JOBS = "/admin/jobs";
    private static final int LISTED = 200;

    private JobPages() { }

    public static List<Route> routes(WebPages web, HubJobs store) {
        return List.of(web.get(JOBS, Access.signedIn().role("admin"), page -> {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("counts", store.counts());
            params.put("jobs", store.recent(LISTED));
            return page.render(200, "admin-jobs.jte", "Jobs", params);
        }));
    }
}
