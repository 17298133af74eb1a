package dev.progy.server.tutor;

import dev.progy.server.http.Access;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.web.Page;
import dev.progy.server.web.WebPages;
import dev.progy.sync.hub.HubRegistry;
import dev.progy.sync.hub.HubTutor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tutor's web pages: {@code /my/ai}, one's plan, today's usage and whether one's own key is set (its provider
 * and last four characters, never the key); and {@code /courses/{scope}/{slug}/lessons}, for the people who manage a
 * course, the lessons given per exercise and their average rating.
 */
public final class AiPages {

    static final String MY_AI = "/my/ai";
    static final String LESSONS = "/courses/{scope}/{slug}/lessons";

    private AiPages() { }

    public static List<Route> routes(WebPages web, Tutor tutor, HubRegistry registry) {
        return List.of(
                web.get(MY_AI, Access.signedIn(), page -> mine(page, tutor)),
                web.get(LESSONS, Access.signedIn(), page -> lessons(page, tutor, registry)));
    }

    private static Reply mine(Page page, Tutor tutor) {
        long account = page.signedIn().account();
        AiPlans.Plan plan = tutor.quota().planOf(account);
        HubTutor.Usage used = tutor.store().usage(account, tutor.quota().today());
        Optional<HubTutor.StoredKey> key = tutor.store().key(account);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("plan", plan.name());
        params.put("day", used.day());
        params.put("resetsAt", tutor.quota().resetsAt().toString());
        params.put("lessonsUsed", used.lessons());
        params.put("lessonsLimit", plan.lessons().isPresent() ? Long.toString(plan.lessons().getAsLong()) : "unlimited");
        params.put("tokensUsed", used.tokens());
        params.put("tokensLimit", plan.tokens().isPresent() ? Long.toString(plan.tokens().getAsLong()) : "unlimited");
        params.put("keySet", key.isPresent());
        params.put("keyProvider", key.map(HubTutor.StoredKey::provider).orElse(""));
        params.put("keyLast4", key.map(HubTutor.StoredKey::last4).orElse(""));
        params.put("keyModel", key.map(HubTutor.StoredKey::model).orElse(""));
        params.put("keySetAt", key.map(k -> Instant.ofEpochMilli(k.setMs()).toString()).orElse(""));
        params.put("serverModel", plan.serverKey() && tutor.models().serverHasModel());
        return page.render(200, "my-ai.jte", "AI tutor", params);
    }

    private static Reply lessons(Page page, Tutor tutor, HubRegistry registry) {
        String scope = page.pathParam("scope");
        String course = (scope.startsWith("@") ? scope : "@" + scope) + "/" + page.pathParam("slug");
        Optional<HubRegistry.Course> c = registry.course(course);
        if (c.isEmpty() || !registry.canManage(c.get(), page.signedIn().account(), page.signedIn().name())) {
            return page.error(404, "Page not found", WebPages.NOT_FOUND_TEXT);
        }
        List<HubTutor.Given> given = tutor.store().given(course);
        List<List<String>> rows = new ArrayList<>();
        for (HubTutor.Given g : given) {
            rows.add(List.of(g.exercise(), Long.toString(g.lessons()), Long.toString(g.rated()),
                    g.rated() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", g.averageRating())));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("course", course);
        params.put("rows", rows);
        return page.render(200, "course-lessons.jte", "Tutor lessons of " + course, params);
    }
}
