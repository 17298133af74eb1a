package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.telemetry.TelemetrySender;
import dev.progy.sync.telemetry.TelemetryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "telemetry", description = {TelemetryCommand.ABOUT,
        "Off until you agree. When on, this workspace records which exercises you start, pass or fail (the kind of "
                + "error only, never your code, names or paths), hints shown and quiz scores, under a random id for "
                + "this workspace, and sends them in the background to the course's server (PROGY_REGISTRY_SERVER, "
                + "else PROGY_SYNC_SERVER, else the one you are signed in to), without your account or token.",
        "on, off: turn it on or off (off also drops what is queued).%n",
        "status: say whether it is on, since when, and what waits.%n",
        "show: print exactly the JSON that would be sent next.%n",
        "forget: erase this workspace's events on the server and here, and turn it off."})
final class TelemetryCommand implements Callable<Integer> {
    static final String ABOUT = "Turn anonymous usage data for this course on or off, and see what is sent.";
    private final CliContext ctx;

    @Mixin
    WorkspaceOptions options;

    @Parameters(arity = "0..1", paramLabel = "on|off|status|show|forget", defaultValue = "status",
            description = "What to do (default: status).")
    String action;

    TelemetryCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Workspace ws = ctx.workspace(options.dir);
        TelemetryStore store = TelemetryStore.in(ws.stateDir());
        switch (action) {
            case "on" -> {
                store.setConsent(true, Instant.now());
                ctx.out.println("Telemetry is on for this workspace: see what would be sent with `progy telemetry show`.");
            }
            case "off" -> {
                store.setConsent(false, Instant.now());
                ctx.out.println("Telemetry is off for this workspace; nothing queued will be sent.");
            }
            case "status" -> status(store);
            case "show" -> {
                Optional<byte[]> body = TelemetrySender.nextBody(store);
                if (body.isEmpty()) {
                    ctx.err.println(store.enabled() ? "Nothing is queued: nothing would be sent."
                            : "Telemetry is off: nothing is recorded or sent (`progy telemetry on` turns it on).");
                    return ExitCode.OK;
                }
                // the bytes as they go on the wire, then a newline for the terminal
                ctx.out.print(new String(body.get(), StandardCharsets.UTF_8));
                ctx.out.println();
            }
            case "send" -> {
                int sent = sender(store).sendAll(Instant.now());
                ctx.out.println(sent + " event" + (sent == 1 ? "" : "s") + " sent.");
            }
            case "forget" -> {
                sender(store).forget(Instant.now());
                ctx.out.println("This workspace's events are erased on the server and here; telemetry is off. "
                        + "Turning it on again starts a new random id.");
            }
            default -> throw new ProgyException("'" + action + "' is not a telemetry action.",
                    "Use one of: progy telemetry on, off, status, show, forget.");
        }
        return ExitCode.OK;
    }

    private void status(TelemetryStore store) {
        String since = store.consentAt().map(at -> " since " + at).orElse("");
        switch (store.consent()) {
            case ON -> {
                ctx.out.println("Telemetry is on" + since + " (installation " + store.installation().orElse("?") + ").");
                ctx.out.println(store.queued().size() + " events queued"
                        + (store.dropped() > 0 ? ", " + store.dropped() + " dropped because the queue was full" : "")
                        + "; sent to " + Telemetry.server(ctx).orElse("no server yet (none is configured or signed in to)")
                        + ".");
            }
            case OFF -> ctx.out.println("Telemetry is off" + since + ": nothing is recorded or sent.");
            case UNASKED -> ctx.out.println("Telemetry is off: you were not asked yet, and nothing is recorded "
                    + "(`progy telemetry on` turns it on).");
        }
    }

    private TelemetrySender sender(TelemetryStore store) {
        String server = Telemetry.server(ctx).orElseThrow(() -> new ProgyException(
                "No server to send telemetry to.", "Set PROGY_REGISTRY_SERVER, or sign in with `progy login <server>`."));
        return new TelemetrySender(store, ProgressSync.serverUri(server),
                ctx.config().seconds("progy.telemetry.timeout", Duration.ofSeconds(10)));
    }
}
