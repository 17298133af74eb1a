package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.ProviderDiscovery;
import dev.progy.spi.EngineAdmin;
import dev.progy.spi.Leftover;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code progy gc}: removes what crashed or killed runs left on the container engines — containers, exec
 * sessions, networks, volumes and pods labelled by Progy whose run is over — and, with {@code --images}, course
 * images a newer build replaced. Never touches anything of a run still going, nor anything Progy did not label.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Remove containers, networks, volumes and pods left by crashed runs (and old course images with --images).")
final class GcCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineOption engine;

    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.")
    boolean dryRun;

    @Option(names = "--images", description = "Also remove course images (progy/...) that a newer build of the same course replaced.")
    boolean images;

    GcCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        engine.applyTo(ctx);
        ProviderConfig config = ctx.config();
        Optional<String> chosen = config.find(ProviderDiscovery.ENGINE_KEY).filter(v -> !v.equalsIgnoreCase("auto"));
        List<Leftover> found = new ArrayList<>();
        List<Leftover> removed = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (RunnerProvider p : ctx.discovery().all(RunnerProvider.class)) {
            if (chosen.isPresent() && !chosen.get().equals(p.id())) {
                continue;
            }
            Optional<EngineAdmin> admin = p.admin(config);
            if (admin.isEmpty()) {
                continue;
            }
            if (!admin.get().inspect().reachable()) {
                unreachable.add(p.id());
                continue;
            }
            List<Leftover> left = admin.get().leftovers(images);
            found.addAll(left);
            if (!dryRun && !left.isEmpty()) {
                removed.addAll(admin.get().remove(left));
            }
        }
        if (common.json) {
            ObjectNode n = CliJson.object();
            n.put("dryRun", dryRun);
            write(n.putArray("found"), found);
            write(n.putArray("removed"), removed);
            unreachable.forEach(n.putArray("unreachable")::add);
            ctx.out.println(CliJson.print(n));
        } else {
            printText(found, removed, unreachable);
        }
        return dryRun || removed.size() == found.size() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void printText(List<Leftover> found, List<Leftover> removed, List<String> unreachable) {
        Style s = ctx.style(common.noColor);
        for (String id : unreachable) {
            ctx.out.println(s.dim(id + ": engine not reachable, skipped (`progy doctor` says why)"));
        }
        if (found.isEmpty()) {
            ctx.out.println("nothing to clean up");
            return;
        }
        for (Leftover l : found) {
            boolean gone = removed.contains(l);
            String mark = dryRun ? "·" : gone ? s.green("removed") : s.red("kept   ");
            ctx.out.println(mark + " " + l.engine() + " " + l.kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " " + l.name() + s.dim("  (" + l.why() + ")"));
        }
        ctx.out.println(dryRun ? found.size() + " left over; run `progy gc` without --dry-run to remove them"
                : removed.size() + " of " + found.size() + " removed");
    }

    private static void write(ArrayNode array, List<Leftover> leftovers) {
        for (Leftover l : leftovers) {
            ObjectNode o = array.addObject();
            o.put("engine", l.engine());
            o.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
            o.put("id", l.id());
            o.put("name", l.name());
            o.put("created", l.created().toString());
            o.put("why", l.why());
        }
    }
}
