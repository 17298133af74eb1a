package dev.progy.cli;

import dev.progy.RecordedRun;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", description = RunCommand.ABOUT)
final class RunCommand implements Callable<Integer> {
    static final String ABOUT = "Run an exercise's tests (default: the next unfinished exercise).";
    static final String VERBOSE = "Show the runner's whole output, also when tests passed.";
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "<exercise>", description = ExerciseChoice.HELP)
    String exercise;

    @Option(names = {"-v", "--verbose"}, description = VERBOSE)
    boolean verbose;

    @Mixin
    EngineOption engine;

    @Mixin
    CourseRunnerOption courseRunner;

    @Mixin
    NetworkConsent network;

    RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        engine.applyTo(ctx);
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.pick(ctx, ws, exercise, common.json);
        if (ex == null) {
            return ExitCode.OK;
        }
        Style style = ctx.style(common.noColor);
        RunnerSpec spec = courseRunner.pick(ws);
        network.settle(ctx, ws, spec, common.json, style);
        RunnerNotes.showOnce(ctx, ws, spec, common.json, style);
        Telemetry.ask(ctx, ws, common.json, style);
        if (!SetupReport.ready(ctx, ws, common.json, style)) {
            return ExitCode.RUNNER_UNAVAILABLE;
        }
        ResultPrinter printer = new ResultPrinter(ctx.out, style);
        List<ExerciseState> before = ctx.progy().states(ws);
        // a locked exercise is refused by the run below: no header announcing a run that does not happen
        boolean locked = before.stream().anyMatch(st -> st.exercise().id().equals(ex.id()) && st.locked());
        if (!common.json && !locked) {
            printer.header(ex);
        }
        int xpBefore = ctx.progy().progress(ws).stats().totalXp();
        RunListener listener = common.json ? RunListener.NONE : new BuildProgress(ctx, style);
        Telemetry.Prepared telemetry = Telemetry.prepare(ctx, ws, ex);
        RecordedRun recorded;
        try (Spinner spinner = Spinner.around(ctx, style, "running " + ex.id(), listener, ctx.terminal && !common.json)) {
            recorded = ctx.progy().runAndRecord(ws, ex, spec, spinner);
        }
        RunResult r = recorded.result();
        telemetry.result(r);
        BackgroundBackup.afterRun(ctx, ws, ex, r);
        if (common.json) {
            var n = CliJson.runResult(r);
            n.put("exercise", ex.id());
            NotSaved.addTo(n, recorded);
            ctx.out.println(CliJson.print(n));
        } else {
            printer.print(r, verbose);
            NotSaved.report(ctx, style, recorded);
            if (r.passed()) {
                Guidance.afterPass(ctx, ws, ex, before, ctx.progy().states(ws), xpBefore,
                        ctx.progy().progress(ws).stats().totalXp(), style).forEach(ctx.out::println);
            } else {
                ctx.out.println(Guidance.editAndRead(ctx, ws, ex, style));
            }
        }
        TutorOffer.afterRun(ctx, ws, ex, r, style, common.json);
        BackgroundSync.afterRun(ctx, ws);
        telemetry.finish();
        return ResultPrinter.exitCode(r);
    }
}
