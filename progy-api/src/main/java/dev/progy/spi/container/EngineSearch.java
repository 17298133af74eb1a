package dev.progy.spi.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds an engine by a list of strategies tried in order, as Testcontainers finds Docker: the first place that
 * may be used is chosen, and every place is looked at, even past the one chosen, so that {@code progy doctor} and an
 * engine that does not answer can say everywhere that was looked and what was there.
 */
public final class EngineSearch {

    private EngineSearch() { }

    /**
     * The address of the first usable place, or {@code fallback} when none is, with every place looked at.
     *
     * @param strategies the ways to look, in order
     * @param fallback   the address used when nothing is found (the system's socket): reported as missing then
     */
    public static EngineLocation search(List<SocketStrategy> strategies, String fallback) {
        List<String> looked = new ArrayList<>();
        String chosen = null;
        for (SocketStrategy strategy : strategies) {
            for (SocketStrategy.Sighting s : strategy.look()) {
                boolean use = chosen == null && s.usable();
                if (use) {
                    chosen = s.address().orElseThrow();
                }
                looked.add(s.place() + ": " + s.found() + (use ? " (" + s.why() + ")" : ""));
            }
        }
        return new EngineLocation(chosen == null ? fallback : chosen, looked);
    }
}
