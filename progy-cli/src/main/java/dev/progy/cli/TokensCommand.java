package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.login.AccountClient;
import dev.progy.sync.progress.ProgressSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tokens", description = {"List your tokens on a Progy server, or revoke one.",
        "Shows each token's id, name, scopes, when it was made and when it expires; never a token's value (the server "
                + "keeps only hashes). progy tokens revoke <id> makes one stop working at once, e.g. the token of a "
                + "lost laptop."},
        subcommands = TokensCommand.Revoke.class)
final class TokensCommand implements Callable<Integer> {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final CliContext ctx;

    @Mixin
    ServerOptions.Account account;

    @Option(names = "--all", description = "Also list the tokens that were revoked or have expired.")
    boolean all;

    @Option(names = "--json", description = "Print the result as JSON on stdout (errors too).")
    boolean json;

    TokensCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        String url = account.url(ctx, "progy tokens --server <server>");
        List<AccountClient.TokenInfo> listed = client(ctx, url).tokens();
        List<AccountClient.TokenInfo> shown = listed.stream().filter(t -> all || t.active()).toList();
        if (json) {
            var list = CliJson.object().arrayNode();
            for (AccountClient.TokenInfo t : shown) {
                var n = list.addObject();
                n.put("id", t.id());
                n.put("name", t.name());
                var s = n.putArray("scopes");
                t.scopes().forEach(s::add);
                n.put("created", t.created().toString());
                n.put("expires", t.expires().map(Instant::toString).orElse(null));
                n.put("active", t.active());
            }
            ctx.out.println(CliJson.print(list));
            return ExitCode.OK;
        }
        long hidden = listed.size() - shown.size();
        String more = hidden == 0 ? "" : " (" + hidden + " revoked or expired not shown; --all shows them)";
        if (shown.isEmpty()) {
            ctx.out.println("You have no active tokens on " + url + more + ".");
            return ExitCode.OK;
        }
        ctx.out.println("Your tokens on " + url + more + ", times in UTC:");
        int idWidth = Math.max(2, shown.stream().mapToInt(t -> t.id().length()).max().orElse(2));
        int nameWidth = Math.max(4, shown.stream().mapToInt(t -> t.name().length()).max().orElse(4));
        ctx.out.println(String.format("  %-" + idWidth + "s  %-" + nameWidth + "s  %-16s  %-16s  %s", "id", "name",
                "created", "expires", "scopes"));
        Instant now = Instant.now();
        for (AccountClient.TokenInfo t : shown) {
            String expires = !t.active() && t.expires().filter(e -> e.isBefore(now)).isEmpty() ? "revoked"
                    : t.expires().map(e -> e.isBefore(now) ? "expired" : SHOWN.format(e)).orElse("never");
            ctx.out.println(String.format("  %-" + idWidth + "s  %-" + nameWidth + "s  %-16s  %-16s  %s", t.id(), t.name(),
                    SHOWN.format(t.created()), expires, String.join(",", t.scopes())));
        }
        ctx.out.println("Revoke one with: progy tokens revoke <id>");
        return ExitCode.OK;
    }

    static AccountClient client(CliContext ctx, String url) {
        String token = ServerChoice.tokens(ctx).token(url).orElseThrow(() -> new ProgyException(
                "You are not signed in to " + url + ".", "Sign in with `progy login " + url + "`."));
        return new AccountClient(ProgressSync.serverUri(url), token, Duration.ofSeconds(15));
    }

    @Command(name = "revoke", description = {"Revoke one of your tokens: it stops working at once, wherever it is.",
            "Its id is in the list progy tokens shows."})
    static final class Revoke implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "<id>", description = "The token's id, from progy tokens.")
        String id;

        @Mixin
        ServerOptions.Account account;

        @Option(names = "--json", description = "Print the result as JSON on stdout (errors too).")
        boolean json;

        Revoke(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws InterruptedException {
            String url = account.url(ctx, "progy tokens revoke " + id + " --server <server>");
            if (!client(ctx, url).revoke(id)) {
                throw new ProgyException("You have no token " + id + " on " + url + ".",
                        "See your tokens and their ids with: progy tokens");
            }
            if (json) {
                var n = CliJson.object();
                n.put("revoked", id);
                ctx.out.println(CliJson.print(n));
            } else {
                ctx.out.println("Revoked token " + id + " on " + url + ": it no longer works anywhere.");
            }
            return ExitCode.OK;
        }
    }
}
