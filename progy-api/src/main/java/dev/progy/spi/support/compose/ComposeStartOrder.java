package dev.progy.spi.support.compose;

import dev.progy.spi.support.compose.ComposeService.Dependency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order services start in: each after what it {@code depends_on}, otherwise in file order, the service the
 * test runs in last. A dependency on a service the file does not have, on itself, or a loop is a problem; a
 * dependency of another service on the service to run is dropped with a note, since that one starts last, as the
 * test, and never as a service.
 */
final class ComposeStartOrder {

    private final String file;
    private final ComposeFindings findings;

    ComposeStartOrder(String file, ComposeFindings findings) {
        this.file = file;
        this.findings = findings;
    }

    /** {@code services} in start order, or what is left when there are problems (added to the findings). */
    List<ComposeService> order(Map<String, ComposeService> services, String runName) {
        Map<String, ComposeService> checked = new LinkedHashMap<>();
        for (ComposeService s : services.values()) {
            List<Dependency> kept = new ArrayList<>();
            for (Dependency d : s.dependsOn()) {
                String at = "services." + s.name() + ".depends_on." + d.service();
                if (!services.containsKey(d.service())) {
                    findings.problem(file, at, "names the service '" + d.service() + "', which the file does not have");
                } else if (d.service().equals(s.name())) {
                    findings.problem(file, at, "a service cannot depend on itself");
                } else if (d.service().equals(runName) && !s.name().equals(runName)) {
                    findings.note(file, at, "dropped: '" + runName + "' is the service the test runs in, started"
                            + " last and only as the test");
                } else {
                    kept.add(d);
                }
            }
            checked.put(s.name(), new ComposeService(s.name(), s.image(), s.build(), s.entrypoint(), s.command(),
                    s.environment(), kept, s.healthcheck(), s.mounts(), s.user(), s.workingDir()));
        }
        List<ComposeService> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : checked.keySet()) {
            if (!name.equals(runName)) {
                visit(name, checked, placed, visiting, order);
            }
        }
        visit(runName, checked, placed, visiting, order);
        return order;
    }

    private void visit(String name, Map<String, ComposeService> services, Set<String> placed, Set<String> visiting,
                       List<ComposeService> order) {
        if (placed.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            List<String> loop = new ArrayList<>(visiting);
            loop = loop.subList(loop.indexOf(name), loop.size());
            loop.add(name);
            findings.problem(file, "services." + name + ".depends_on", "the services depend on each other in a loop: "
                    + String.join(" -> ", loop));
            return;
        }
        ComposeService service = services.get(name);
        for (Dependency d : service.dependsOn()) {
            if (services.containsKey(d.service())) {
                visit(d.service(), services, placed, visiting, order);
            }
        }
        visiting.remove(name);
        if (placed.add(name)) {
            order.add(service);
        }
    }
}
