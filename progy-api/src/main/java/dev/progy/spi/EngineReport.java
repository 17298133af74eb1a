package dev.progy.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container engine as a runner provider sees it, for {@code progy doctor}.
 *
 * @param engine     the provider's id, e.g. {@code docker}, {@code podman}
 * @param address    the address used, e.g. {@code unix:///run/podman/podman.sock}; empty when none was found
 * @param reachable  whether the engine answered
 * @param version    the engine's version (empty when unreachable)
 * @param apiVersion the API version spoken (empty when unreachable)
 * @param details    further facts worth showing, in order (e.g. rootless, cgroup version, storage driver)
 * @param looked     every place looked for the engine, in order, each with what was found there
 * @param problems   what stops or weakens runs on this engine, each a sentence; empty when all is well
 * @param fixes      what to do about the problems, one per line
 */
public record EngineReport(String engine, String address, boolean reachable, String version, String apiVersion,
                           Map<String, String> details, List<String> looked, List<String> problems,
                           List<String> fixes) {

    public EngineReport {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        looked = List.copyOf(looked);
        problems = List.copyOf(problems);
        fixes = List.copyOf(fixes);
    }

    /** Whether runs can use this engine: it answered and nothing stops them. */
    public boolean ready() {
        return reachable && problems.isEmpty();
    }
}
