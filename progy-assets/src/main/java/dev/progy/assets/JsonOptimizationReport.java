package dev.progy.assets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.json.JsonTrees;

/**
 * An {@link OptimizationReport} as JSON, for {@code progy optimize --json} and the server: totals, then one object
 * per image ({@code path, outcome, bytesBefore, bytesAfter, webp?, avif?, encoding?, keptReason?, notes[]}).
 */
public final class JsonOptimizationReport {

    private JsonOptimizationReport() { }

    public static ObjectNode of(OptimizationReport report) {
        ObjectNode n = JsonTrees.object();
        n.put("bytesBefore", report.bytesBefore());
        n.put("bytesAfter", report.bytesAfter());
        n.put("converted", report.converted());
        n.put("workers", report.workers());
        ArrayNode images = n.putArray("images");
        for (ImageResult r : report.images()) {
            ObjectNode i = images.addObject();
            i.put("path", r.path());
            i.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
            i.put("bytesBefore", r.bytesBefore());
            i.put("bytesAfter", r.bytesAfter());
            r.webp().ifPresent(w -> i.put("webp", w));
            r.avif().ifPresent(a -> i.put("avif", a));
            if (!r.encoding().isEmpty()) {
                i.put("encoding", r.encoding());
            }
            if (!r.keptReason().isEmpty()) {
                i.put("keptReason", r.keptReason());
            }
            r.notes().forEach(i.putArray("notes")::add);
        }
        report.rewrittenFiles().forEach(n.putArray("rewrittenFiles")::add);
        report.removedOriginals().forEach(n.putArray("removedOriginals")::add);
        report.notes().forEach(n.putArray("notes")::add);
        return n;
    }
}
