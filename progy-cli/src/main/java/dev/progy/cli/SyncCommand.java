package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "sync", description = {"Send your progress to the sync server and get what your other devices did.",
        "Run `progy sync --server <url> --token <token>` once: the server is saved for this workspace and the token in "
                + "your config folder (~/.config/progy, readable only by you), so later syncs and runs need neither. "
                + "PROGY_SYNC_SERVER and PROGY_SYNC_TOKEN override them; --forget removes them."})
final class SyncCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--server", paramLabel = "<url>", description = "The sync server, e.g. https://progy.example.org; saved for this workspace.")
    String server;

    @Option(names = "--token", paramLabel = "<token>", description = "Your account's token; saved for that server in your config folder, never in the workspace.")
    String token;

    @Option(names = "--forget", description = "Remove this workspace's saved server and the token saved for it; sync nothing.")
    boolean forget;

    /** Started by {@link BackgroundSync} after a run: no output, never an error exit. */
    @Option(names = "--background", hidden = true)
    boolean background;

    SyncCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (forget) {
            return forget();
        }
        // a synced workspace keeps its progress in the SQLite store: the first sync moves it there, once
        ctx.set(CliContext.PROGRESS_KEY, "sqlite");
        if (server != null) {
            ctx.set(ProgressSync.SERVER_KEY, server);
        }
        if (token != null) {
            ctx.set(ProgressSync.TOKEN_KEY, token);
        }
        Workspace ws = ctx.workspace(common.dir);
        ProgressSync.SyncReport report;
        List<String> saved = new ArrayList<>();
        try {
            SyncSettings settings = SyncSettings.of(ctx, ws).orElseThrow(() -> new ProgyException(
                    "No sync server is configured for this workspace.",
                    "Sign in with `progy login <url>`, then run `progy sync --server <url>` once (or `progy sync "
                            + "--server <url> --token <token>` with a token you were given): the server is saved for "
                            + "this workspace and the token in your config folder; PROGY_SYNC_SERVER and "
                            + "PROGY_SYNC_TOKEN override them."));
            ProgressSync.serverUri(settings.server());
            if (!background) {
                save(ws, settings, saved);
            }
            if (settings.token().isEmpty()) {
                throw new ProgyException("No token is saved for the sync server " + settings.server() + ".",
                        "Sign in with `progy login " + settings.server() + "`, or run `progy sync --server "
                                + settings.server() + " --token <token>` once with a token you were given; it is "
                                + "saved in your config folder, never in the workspace.");
            }
            ctx.progy().progress(ws); // moves the workspace's file progress into the database before it is sent
            try (ProgressSync sync = ProgressSync.open(ws.stateDir(), settings.config(ctx))) {
                report = sync.sync(ws.course().id());
            }
        } catch (ProgyException e) {
            if (background) {
                return ExitCode.OK; // what was not sent stays queued for the next sync
            }
            if (!common.json) {
                saved.forEach(ctx.out::println);
            }
            throw e;
        }
        if (background) {
            return ExitCode.OK;
        }
        if (common.json) {
            var n = CliJson.object();
            n.put("pushed", report.pushed());
            n.put("stored", report.stored());
            n.put("pulled", report.pulled());
            n.put("cursor", report.cursor());
            n.put("roundTrips", report.roundTrips());
            ctx.out.println(CliJson.print(n));
        } else {
            saved.forEach(ctx.out::println);
            ctx.out.println("Synced: sent " + report.pushed() + " record" + (report.pushed() == 1 ? "" : "s")
                    + ", received " + report.pulled() + " (" + report.roundTrips() + " round trip"
                    + (report.roundTrips() == 1 ? "" : "s") + "). Up to date.");
        }
        return ExitCode.OK;
    }

    /** Saves what the flags gave: the server in the workspace, the token in the user's config folder. */
    private void save(Workspace ws, SyncSettings settings, List<String> saved) {
        if (server != null && !ws.setting(ProgressSync.SERVER_KEY).equals(Optional.of(server))) {
            ctx.progy().saveSetting(ws, ProgressSync.SERVER_KEY, server);
            saved.add("Saved: this workspace syncs with " + server + "; later `progy sync` and runs use it.");
        }
        if (token != null) {
            ServerTokens tokens = SyncSettings.tokens(ctx);
            Path file = tokens.file().toAbsolutePath().normalize();
            if (file.startsWith(ws.root())) {
                throw new ProgyException("Your config folder " + file.getParent() + " is inside the workspace, where a "
                        + "token would be shared with the course files.", "Set XDG_CONFIG_HOME to a folder outside the "
                        + "workspace (the default is ~/.config), or use PROGY_SYNC_TOKEN.");
            }
            if (!tokens.token(settings.server()).equals(Optional.of(token))) {
                tokens.save(settings.server(), token, Instant.now());
                saved.add("Saved: your token for " + settings.server() + " in " + file + " (readable only by you).");
            }
        }
    }

    private int forget() {
        Workspace ws = ctx.workspace(common.dir);
        Optional<String> savedServer = ws.setting(ProgressSync.SERVER_KEY);
        Optional<String> which = Optional.ofNullable(server).or(() -> savedServer);
        if (savedServer.isPresent()) {
            ctx.progy().removeSetting(ws, ProgressSync.SERVER_KEY);
        }
        boolean tokenRemoved = false;
        Path file = null;
        if (which.isPresent()) {
            ServerTokens tokens = SyncSettings.tokens(ctx);
            tokenRemoved = tokens.forget(which.get());
            file = tokens.file();
        }
        if (common.json) {
            var n = CliJson.object();
            n.put("server", which.orElse(null));
            n.put("serverForgotten", savedServer.isPresent());
            n.put("tokenForgotten", tokenRemoved);
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        if (savedServer.isEmpty() && !tokenRemoved) {
            ctx.out.println("Nothing to forget: no sync server is saved for this workspace"
                    + which.map(s -> ", and no token for " + s).orElse("") + ".");
        } else {
            ctx.out.println("Forgot " + String.join(" and ", forgotten(savedServer, tokenRemoved, which, file)) + ".");
            ctx.out.println("Progress stays in this workspace; `progy sync --server <url> --token <token>` sets up "
                    + "syncing again.");
        }
        if (ctx.env.containsKey("PROGY_SYNC_SERVER") || ctx.env.containsKey("PROGY_SYNC_TOKEN")) {
            ctx.out.println("PROGY_SYNC_SERVER or PROGY_SYNC_TOKEN is still set in your environment, and still applies.");
        }
        return ExitCode.OK;
    }

    private static List<String> forgotten(Optional<String> savedServer, boolean tokenRemoved, Optional<String> which,
                                          Path file) {
        List<String> parts = new ArrayList<>();
        savedServer.ifPresent(s -> parts.add("this workspace's sync server (" + s + ")"));
        if (tokenRemoved) {
            parts.add("the token saved for " + which.orElseThrow() + " (removed from " + file + ")");
        }
        return parts;
    }
}
