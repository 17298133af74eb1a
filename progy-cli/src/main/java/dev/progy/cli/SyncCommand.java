package dev.progy.cli;

import dev.progy.ProgyException;
import dev.progy.ProgyJson;
import dev.progy.Workspace;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "sync", description = {"Send your progress to the sync server and get what your other devices did.",
        "The server and your token come from --server/--token or PROGY_SYNC_SERVER/PROGY_SYNC_TOKEN."})
final class SyncCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--server", paramLabel = "<url>", description = "The sync server, e.g. https://progy.example.org.")
    String server;

    @Option(names = "--token", paramLabel = "<token>", description = "Your account's token (better: PROGY_SYNC_TOKEN).")
    String token;

    /** Started by {@link BackgroundSync} after a run: no output, never an error exit. */
    @Option(names = "--background", hidden = true)
    boolean background;

    SyncCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (server != null) {
            ctx.set(ProgressSync.SERVER_KEY, server);
        }
        if (token != null) {
            ctx.set(ProgressSync.TOKEN_KEY, token);
        }
        Workspace ws = ctx.workspace(common.dir);
        ProgressSync.SyncReport report;
        try (ProgressSync sync = ProgressSync.open(ws.stateDir(), ctx.config())) {
            report = sync.sync(ws.course().id());
        } catch (ProgyException e) {
            if (background) {
                return ExitCode.OK; // what was not sent stays queued for the next sync
            }
            throw e;
        }
        if (background) {
            return ExitCode.OK;
        }
        if (common.json) {
            var n = ProgyJson.object();
            n.put("pushed", report.pushed());
            n.put("stored", report.stored());
            n.put("pulled", report.pulled());
            n.put("cursor", report.cursor());
            n.put("roundTrips", report.roundTrips());
            ctx.out.println(ProgyJson.print(n));
        } else {
            ctx.out.println("Synced: sent " + report.pushed() + " record" + (report.pushed() == 1 ? "" : "s")
                    + ", received " + report.pulled() + " (" + report.roundTrips() + " round trip"
                    + (report.roundTrips() == 1 ? "" : "s") + "). Up to date.");
        }
        return ExitCode.OK;
    }
}
