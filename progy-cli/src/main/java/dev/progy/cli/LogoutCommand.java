package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.login.AccountClient;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "logout", description = {"Sign out of a Progy server: revoke this computer's token there and remove it here.",
        "Without a network the token is removed from this computer only, and progy says so: it still works on the "
                + "server until you revoke it there (on the server's web page, or with progy tokens revoke from "
                + "another signed-in computer)."})
final class LogoutCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<server>",
            description = "The server (default: PROGY_SYNC_SERVER, this workspace's, or the only one you are signed in to).")
    String server;

    @Option(names = "--json", description = "Print the result as JSON on stdout (errors too).")
    boolean json;

    LogoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> chosen = ServerChoice.find(ctx, server, true, "progy logout <server>");
        if (chosen.isEmpty()) {
            report("", Optional.empty(), false, false, "You are not signed in to any Progy server: nothing to do.");
            return ExitCode.OK;
        }
        String url = chosen.get();
        ServerTokens tokens = ServerChoice.tokens(ctx);
        Optional<String> token = tokens.token(url);
        Optional<String> account = tokens.account(url);
        Path file = tokens.file().toAbsolutePath().normalize();
        if (token.isEmpty()) {
            report(url, account, false, false, "You are not signed in to " + url + ": no token is saved for it in "
                    + file + ".");
            return ExitCode.OK;
        }
        boolean revoked;
        try {
            new AccountClient(ProgressSync.serverUri(url), token.get(), Duration.ofSeconds(15)).revokeSelf();
            revoked = true;
        } catch (ProgyException e) {
            revoked = false; // the server could not be reached, or refused: the local copy goes all the same
        }
        tokens.forget(url);
        String who = account.map(a -> " as " + a).orElse("");
        report(url, account, true, revoked, revoked
                ? "Signed out of " + url + who + ": the token was revoked on the server and removed from " + file + "."
                : "Removed your token for " + url + who + " from " + file + ", but the server could not be reached: "
                        + "the token still works there. Revoke it on the server's web page (your tokens), or with "
                        + "`progy tokens revoke <id>` from another signed-in computer.");
        if (!json && ctx.env.containsKey("PROGY_SYNC_TOKEN")) {
            ctx.out.println("PROGY_SYNC_TOKEN is still set in your environment, and still applies.");
        }
        return ExitCode.OK;
    }

    private void report(String url, Optional<String> account, boolean removed, boolean revoked, String text) {
        if (json) {
            var n = CliJson.object();
            n.put("server", url.isEmpty() ? null : url);
            n.put("account", account.orElse(null));
            n.put("removed", removed);
            n.put("revokedOnServer", revoked);
            ctx.out.println(CliJson.print(n));
        } else {
            ctx.out.println(text);
        }
    }
}
