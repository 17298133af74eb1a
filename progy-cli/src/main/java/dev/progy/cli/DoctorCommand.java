package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.Workspace;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.SetupCheckResult;
import dev.progy.spi.Availability;
import dev.progy.spi.EngineReport;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunnerProvider;
import dev.progy.cli.resident.HelperSlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code progy doctor}: every runner Progy has, whether it can run here, each container engine's version, socket
 * and what is missing, which one container courses will use, whether this workspace's course can run with the runner
 * it will use, and its setup checks ({@code setup.checks}, with {@code setup.guide} shown when one fails).
 * Exit 0 when the workspace's course can run and its checks pass (outside a workspace: when a container engine is
 * ready), 1 otherwise.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the runners and container engines: versions, sockets, what is missing and how to fix it.",
                "In a workspace: whether its course can run with the runner it uses, and the course's setup checks."})
final class DoctorCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineOption engine;

    @Mixin
    CourseRunnerOption courseRunner;

    DoctorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** One runner provider as found here. */
    private record Finding(RunnerProvider provider, Availability availability, Optional<EngineReport> engine) {
        boolean ready() {
            return availability.usable() && engine.map(EngineReport::ready).orElse(true);
        }
    }

    @Override
    public Integer call() {
        engine.applyTo(ctx);
        ProviderConfig config = ctx.config();
        List<Finding> findings = new ArrayList<>();
        for (RunnerProvider p : ctx.discovery().all(RunnerProvider.class)) {
            findings.add(new Finding(p, p.availability(config), p.admin(config).map(a -> a.inspect())));
        }
        Optional<String> chosen = config.find(ProviderDiscovery.ENGINE_KEY).filter(v -> !v.equalsIgnoreCase("auto"));
        Optional<Finding> containers = findings.stream()
                .filter(f -> f.provider().supports(RunnerType.DOCKER_FILE))
                .filter(f -> chosen.map(c -> c.equals(f.provider().id())).orElse(true))
                .filter(Finding::ready).findFirst();
        Optional<Workspace> ws = workspace();
        // the runner the course will actually use (its first, or --runner), not every runner it offers
        Optional<RunnerSpec> runner = ws.map(w -> courseRunner.pick(w));
        List<String> needs = runner.map(r -> List.of(r.type().jsonName())).orElse(List.of());
        boolean runnerWorks = runner.map(r -> canRun(r.type(), findings, containers)).orElse(containers.isPresent());
        List<SetupCheckResult> checks = ws.map(w -> ctx.progy().checkSetup(w)).orElse(List.of());
        boolean setupPasses = checks.stream().allMatch(SetupCheckResult::passed);
        boolean courseRuns = runnerWorks && setupPasses;
        if (common.json) {
            printJson(findings, containers, ws, runner, needs, runnerWorks, checks);
        } else {
            printText(findings, containers, chosen, ws, runner, needs, runnerWorks, checks);
        }
        return courseRuns ? ExitCode.OK : ExitCode.FAILED;
    }

    private static boolean canRun(RunnerType type, List<Finding> findings, Optional<Finding> containers) {
        return type == RunnerType.PROCESS
                ? findings.stream().anyMatch(f -> f.provider().supports(type) && f.ready())
                : containers.filter(f -> f.provider().supports(type)).isPresent();
    }

    private Optional<Workspace> workspace() {
        Path start = common.dir != null ? ctx.path(common.dir.toString()) : ctx.cwd;
        if (Workspace.locate(start).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ctx.workspace(common.dir));
        } catch (ProgyException e) {
            ctx.err.println("warning: the workspace could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void printText(List<Finding> findings, Optional<Finding> containers, Optional<String> chosen,
                           Optional<Workspace> ws, Optional<RunnerSpec> runner, List<String> needs, boolean runnerWorks,
                           List<SetupCheckResult> checks) {
        Style s = ctx.style(common.noColor);
        ctx.out.println(s.bold("progy") + " " + new ProgyCommand.Version().getVersionQuietly() + s.dim("  Java "
                + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        for (Finding f : findings) {
            String types = String.join(", ", Arrays.stream(RunnerType.values())
                    .filter(t -> f.provider().supports(t)).map(RunnerType::jsonName).toList());
            ctx.out.println();
            String state = f.ready() ? s.green("✓ ready") : s.red("✗ not usable");
            ctx.out.println(s.bold(f.provider().id()) + "  " + state + s.dim("  runs " + types
                    + ", priority " + f.provider().priority()));
            if (f.engine().isPresent()) {
                EngineReport r = f.engine().get();
                if (r.reachable()) {
                    ctx.out.println("  engine   " + r.version() + s.dim(" (API " + r.apiVersion() + ")"));
                }
                if (!r.address().isEmpty()) {
                    ctx.out.println("  address  " + r.address());
                }
                for (Map.Entry<String, String> d : r.details().entrySet()) {
                    ctx.out.println("  " + pad(d.getKey(), 8) + " " + d.getValue());
                }
                if (!r.ready()) {
                    for (String l : r.looked()) {
                        ctx.out.println(s.dim("  looked   " + l));
                    }
                }
                r.problems().forEach(p -> ctx.out.println("  " + s.red("problem") + "  " + p));
                r.fixes().forEach(x -> ctx.out.println("  " + s.yellow("fix") + "      " + x));
            } else if (!f.availability().usable()) {
                ctx.out.println("  " + s.red("problem") + "  " + f.availability().reason());
                if (!f.availability().fixHint().isEmpty()) {
                    ctx.out.println("  " + s.yellow("fix") + "      " + f.availability().fixHint());
                }
            }
            f.provider().notes(ctx.config()).forEach(x -> ctx.out.println("  " + s.yellow("note") + "     " + x));
        }
        ctx.out.println();
        ctx.out.println("container courses run on: " + containers.map(f -> s.bold(f.provider().id())
                        + (chosen.isPresent() ? s.dim(" (chosen with --engine/PROGY_ENGINE)") : s.dim(" (the ready engine of highest priority; choose with --engine)")))
                .orElse(s.red("nothing") + " — " + (chosen.isPresent() ? "the chosen engine '" + chosen.get()
                        + "' is not ready" : "no container engine is ready") + "; see the fixes above"));
        ctx.out.println("resident helper: " + HelperSlot.status(ctx.env));
        if (ws.isPresent() && runner.isPresent()) {
            Workspace w = ws.get();
            RunnerSpec r = runner.get();
            ctx.out.println("this workspace's course " + s.bold(w.course().id()) + " runs with its runner " + s.bold(r.id())
                    + s.dim(" (" + r.type().jsonName() + ")") + ": " + (runnerWorks ? s.green("can run here") : s.red("cannot run here")));
            for (RunnerSpec other : w.course().runners()) {
                if (!other.id().equals(r.id())) {
                    boolean ok = canRun(other.type(), findings, containers);
                    ctx.out.println(s.dim("  also offers " + other.id() + " (" + other.type().jsonName() + "): "
                            + (ok ? "can run here" : "cannot run here") + "; choose it with --runner " + other.id()));
                }
            }
            if (!checks.isEmpty()) {
                ctx.out.println();
                ctx.out.println("setup checks of " + s.bold(w.course().id()) + ":");
                SetupReport.printChecks(ctx, checks, s);
                if (!checks.stream().allMatch(SetupCheckResult::passed)) {
                    SetupReport.printGuide(ctx, w, s);
                }
            }
        }
    }

    private void printJson(List<Finding> findings, Optional<Finding> containers, Optional<Workspace> ws,
                           Optional<RunnerSpec> runner, List<String> needs, boolean runnerWorks,
                           List<SetupCheckResult> checks) {
        ObjectNode n = CliJson.object();
        n.put("version", new ProgyCommand.Version().getVersionQuietly());
        n.put("java", Runtime.version().toString());
        ArrayNode runners = n.putArray("runners");
        for (Finding f : findings) {
            ObjectNode r = runners.addObject();
            r.put("id", f.provider().id());
            r.put("priority", f.provider().priority());
            ArrayNode types = r.putArray("runs");
            for (RunnerType t : RunnerType.values()) {
                if (f.provider().supports(t)) {
                    types.add(t.jsonName());
                }
            }
            r.put("ready", f.ready());
            f.provider().notes(ctx.config()).forEach(r.putArray("notes")::add);
            if (!f.availability().usable()) {
                r.put("problem", f.availability().reason());
                r.put("fix", f.availability().fixHint());
            }
            f.engine().ifPresent(e -> {
                ObjectNode en = r.putObject("engine");
                en.put("address", e.address());
                en.put("reachable", e.reachable());
                en.put("version", e.version());
                en.put("apiVersion", e.apiVersion());
                ObjectNode details = en.putObject("details");
                e.details().forEach(details::put);
                e.looked().forEach(en.putArray("looked")::add);
                e.problems().forEach(en.putArray("problems")::add);
                e.fixes().forEach(en.putArray("fixes")::add);
            });
        }
        containers.ifPresentOrElse(f -> n.put("containerEngine", f.provider().id()), () -> n.putNull("containerEngine"));
        n.put("residentHelper", HelperSlot.status(ctx.env));
        ws.ifPresent(w -> {
            ObjectNode c = n.putObject("workspace");
            c.put("course", w.course().id());
            runner.ifPresent(r -> c.put("runner", r.id()));
            needs.forEach(c.putArray("needs")::add);
            c.put("canRun", runnerWorks);
            SetupReport.addJson(c.putArray("setupChecks"), checks);
            c.put("setupPassed", checks.stream().allMatch(SetupCheckResult::passed));
            SetupReport.guide(w).ifPresent(g -> c.put("setupGuide", w.root().relativize(g).toString()));
        });
        ctx.out.println(CliJson.print(n));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
