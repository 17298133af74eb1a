package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.login.AccountClient;
import dev.progy.sync.login.DeviceLoginClient;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.registry.HttpRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "login", description = {"Sign in to a Progy server from this computer.",
        "Shows a short code and the server's page to enter it on: open that page in a browser where you are signed "
                + "in, check the code and approve. progy opens nothing itself and waits until you approve, deny, or "
                + "press Ctrl-C. The token it receives is saved in your config folder (~/.config/progy, readable only "
                + "by you) and never printed; progy sync and the other server commands use it."})
final class LoginCommand implements Callable<Integer> {
    /** What a login is asked to allow when --scope names nothing: syncing progress and reading the account. */
    static final List<String> DEFAULT_SCOPES = List.of("sync", "read", "ai", "live");

    private final CliContext ctx;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<server>",
            description = "The server, e.g. https://progy.example.org (default: PROGY_SYNC_SERVER, else the one this "
                    + "workspace syncs with).")
    String server;

    @Option(names = "--scope", paramLabel = "<scope>", split = ",",
            description = "What the token may do: sync, read, ai, telemetry, publish:<organisation>, admin (default: "
                    + "sync,read,ai,live).")
    List<String> scopes;

    @Option(names = "--json", description = "Print the result as JSON on stdout (errors too); the code goes to stderr.")
    boolean json;

    LoginCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        String url = ServerChoice.of(ctx, server, false, "progy login <server>");
        ServerTokens tokens = ServerChoice.tokens(ctx);
        Set<String> asked = new LinkedHashSet<>(scopes == null ? DEFAULT_SCOPES : scopes);
        DeviceLoginClient client = new DeviceLoginClient(ProgressSync.serverUri(url), Duration.ofSeconds(15),
                Clock.systemUTC());
        DeviceLoginClient.Started started = client.start(asked, deviceName(ctx));
        java.io.PrintWriter say = json ? ctx.err : ctx.out;
        say.println("To sign in to " + url + ", open this page in a browser where you are signed in:");
        say.println();
        say.println("    " + started.verificationUri());
        say.println();
        say.println("and enter the code " + started.userCode() + " (or open " + started.verificationUriComplete() + ").");
        say.println("The code expires in " + Math.max(1, Duration.between(Instant.now(), started.expires())
                .plusSeconds(30).toMinutes()) + " minutes. Waiting for your approval (Ctrl-C cancels)...");
        say.flush();

        AtomicBoolean finished = new AtomicBoolean();
        // Ctrl-C in a terminal ends the JVM without interrupting this thread: say what happened on the way out
        Thread onCtrlC = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                say.println();
                say.println("Cancelled: you are not signed in, and nothing was saved.");
                say.flush();
            }
        }, "progy-login-cancel");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        DeviceLoginClient.SignedIn signedIn;
        try {
            signedIn = client.await(started, DeviceLoginClient.Pause.real());
            if (!finished.compareAndSet(false, true)) {
                return ExitCode.INTERRUPTED; // the JVM is stopping: save nothing
            }
        } catch (InterruptedException e) {
            if (finished.compareAndSet(false, true)) {
                say.println();
                say.println("Cancelled: you are not signed in, and nothing was saved.");
            }
            return ExitCode.INTERRUPTED;
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // the JVM is stopping already
            }
        }
        // a token an earlier login saved here is replaced: revoke it, or it would stay valid with no one holding it
        // (one given to progy sync --token may be in use elsewhere, so it is left alone)
        Optional<String> previous = tokens.account(url).flatMap(a -> tokens.token(url));
        tokens.save(url, signedIn.token(), Optional.of(signedIn.account()).filter(a -> !a.isBlank()), Instant.now());
        boolean replaced = false;
        if (previous.isPresent() && !previous.get().equals(signedIn.token())) {
            try {
                new AccountClient(ProgressSync.serverUri(url), previous.get(), Duration.ofSeconds(15)).revokeSelf();
                replaced = true;
            } catch (ProgyException e) {
                // the new token is saved; the old one can still be revoked with progy tokens revoke
            }
        }
        Path file = tokens.file().toAbsolutePath().normalize();
        try {
            // pin the registry's signing keys now, while the person is choosing to trust this server
            HttpRegistry.pinKeys(ProgressSync.serverUri(url), file.getParent(), Duration.ofSeconds(15));
        } catch (ProgyException e) {
            // a server without a registry, or gone for a moment: the first download pins them
        }
        List<String> granted = signedIn.scopes().stream().sorted().toList();
        if (json) {
            var n = CliJson.object();
            n.put("server", url);
            n.put("account", signedIn.account());
            var s = n.putArray("scopes");
            granted.forEach(s::add);
            n.put("expires", signedIn.expires().map(Instant::toString).orElse(null));
            n.put("savedIn", file.toString());
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        ctx.out.println("Signed in to " + url + " as " + signedIn.account() + " (the token may: "
                + String.join(", ", granted) + signedIn.expires().map(t -> "; it expires " + t).orElse("") + ").");
        ctx.out.println("The token is saved in " + file + " (readable only by you); progy sync --server " + url
                + " uses it. progy logout signs out.");
        if (replaced) {
            ctx.out.println("The token of your earlier login on this computer was revoked.");
        }
        if (ctx.env.containsKey("PROGY_SYNC_TOKEN")) {
            ctx.out.println("PROGY_SYNC_TOKEN is set in your environment: it still wins over the saved token.");
        }
        return ExitCode.OK;
    }

    /** This computer's name, for the token's name on the server ("progy login on <name> <date>"). */
    static String deviceName(CliContext ctx) {
        for (String candidate : new String[] {ctx.env.get("HOSTNAME"), ctx.env.get("COMPUTERNAME"), etcHostname()}) {
            if (candidate != null) {
                String clean = candidate.strip().replaceAll("[^A-Za-z0-9._-]", "");
                if (!clean.isEmpty() && Character.isLetterOrDigit(clean.charAt(0))) {
                    return clean.length() > 63 ? clean.substring(0, 63) : clean;
                }
            }
        }
        return "a-computer";
    }

    private static String etcHostname() {
        try {
            return Files.readString(Path.of("/etc/hostname"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
