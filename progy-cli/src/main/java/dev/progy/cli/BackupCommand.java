package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.sync.backup.BackupFailedException;
import dev.progy.sync.backup.BackupStatus;
import dev.progy.sync.backup.WorkspaceBackup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "backup", description = {"Back up your work with git, on a branch of this device (progy/<device>).",
        "After every passing run your files are committed and pushed to a remote of yours: never .progy/, never secrets "
                + "such as .env files or keys.",
        "Works offline: commits wait and the next push sends them.",
        "For an https remote, put the token in PROGY_BACKUP_TOKEN (and the user in PROGY_BACKUP_USER if your host "
                + "needs one); it is never stored."})
final class BackupCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--remote", paramLabel = "<url>", description = "Set up (or change) the remote and turn the backup on: "
            + "an https:// URL of an empty repository, a file:// URL or a folder holding a bare repository.")
    String remote;

    @Option(names = "--status", description = "Show the remote, branch, last commit, last push, pending commits and last error (the default).")
    boolean status;

    @Option(names = "--now", description = "Commit and push now, in the foreground.")
    boolean now;

    @Option(names = "--off", description = "Stop backing up after runs (the backup repository stays, in the folder .progy/backup.git).")
    boolean off;

    @Option(names = "--background", hidden = true, description = "What a passing run starts: commit, push with retries, print nothing.")
    boolean background;

    @Option(names = "--message", hidden = true, description = "The commit message.")
    String message;

    BackupCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (Stream.of(remote != null, status, now, off, background).filter(b -> b).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "choose one of --remote, --status, --now, --off");
        }
        if (background) {
            try {
                backup(ctx.workspace(common.dir)).backUpInBackground(message != null ? message : "Back up");
            } catch (RuntimeException e) {
                // nobody reads a background backup's output: what it could record, it did
            }
            return ExitCode.OK;
        }
        Workspace ws = ctx.workspace(common.dir);
        WorkspaceBackup backup = backup(ws);
        Style style = ctx.style(common.noColor);
        if (remote != null) {
            String target = looksLikePath(remote) ? ctx.path(remote).toString() : remote;
            if (looksLikePath(remote) && !Files.isDirectory(Path.of(target))) {
                throw new ProgyException("the backup remote " + target + " does not exist", "make an empty repository "
                        + "there first (git init --bare " + target + "), then run progy backup --remote again");
            }
            backup.start(target); // refuses a URL with a password or for SSH before anything else looks at it
            Optional<String> unknown = unknownHost(remote);
            if (unknown.isPresent()) {
                backup.off();
                throw new ProgyException("the backup was not turned on: the host " + unknown.get() + " of the remote is "
                        + "not known", "check the address and that you are online, then run progy backup --remote again");
            }
            try {
                backup.backUpNow("Start backing up");
            } catch (BackupFailedException e) {
                if (!e.worthRetrying()) {
                    // a remote that can never take a push is not a backup: say so now, not after the first pass
                    backup.off();
                    throw new ProgyException("the backup was not turned on: " + e.getMessage(), "check the remote's "
                            + "address (and PROGY_BACKUP_TOKEN for https), then run progy backup --remote again", e);
                }
                ctx.err.println(style.yellow("warning: the backup is on, but the remote did not take the first push: "
                        + e.getMessage() + "; your work is committed and is pushed when the remote answers"));
            }
        } else if (now) {
            backup.backUpNow(message != null ? message : "Back up by hand");
        } else if (off) {
            if (!backup.off()) {
                ctx.out.println("No backup was set up in this workspace.");
                return ExitCode.OK;
            }
            ctx.out.println("Backup off. The repository stays in .progy/backup.git; `progy backup --remote <url>` turns it on again.");
            return ExitCode.OK;
        }
        print(backup.status(), style);
        return ExitCode.OK;
    }

    private WorkspaceBackup backup(Workspace ws) {
        return WorkspaceBackup.of(ws.root(), ctx.config(), Clock.systemUTC());
    }

    /** The host of an http(s) remote when it has no address (a typo, or no network to ask); else empty. */
    private static Optional<String> unknownHost(String remote) {
        if (!remote.startsWith("http://") && !remote.startsWith("https://")) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(remote).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the SDK refuses a malformed URL with its own message
        }
        if (host == null) {
            return Optional.empty();
        }
        try {
            InetAddress.getByName(host);
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(host);
        }
    }

    /** A folder rather than a URL: no scheme, and not git's user@host:path form (which is refused later). */
    private static boolean looksLikePath(String remote) {
        return !remote.contains("://") && !remote.matches("[^/\\\\]+@[^/\\\\]+:.*");
    }

    private void print(BackupStatus s, Style style) {
        if (common.json) {
            var n = CliJson.object();
            n.put("setUp", s.setUp());
            n.put("on", s.on());
            s.remote().ifPresent(r -> n.put("remote", r));
            s.branch().ifPresent(b -> n.put("branch", b));
            s.lastCommit().ifPresent(c -> n.putObject("lastCommit").put("id", c.id()).put("message", c.message())
                    .put("at", c.at().toString()));
            s.lastPushAt().ifPresent(t -> n.put("lastPushAt", t.toString()));
            n.put("pending", s.pending());
            s.lastError().ifPresent(e -> n.put("lastError", e));
            s.lastErrorAt().ifPresent(t -> n.put("lastErrorAt", t.toString()));
            ctx.out.println(CliJson.print(n));
            return;
        }
        if (!s.setUp()) {
            ctx.out.println("No backup is set up. `progy backup --remote <url>` sets one up.");
            return;
        }
        ctx.out.println(style.bold("Backup " + (s.on() ? "on" : "off")) + "  " + s.remote().orElse("(no remote)")
                + "  branch " + s.branch().orElse("?"));
        ctx.out.println("  last commit: " + s.lastCommit().map(c -> c.shortId() + " " + c.message() + " (" + c.at() + ")").orElse("none"));
        ctx.out.println("  last push:   " + s.lastPushAt().map(Object::toString).orElse("never"));
        ctx.out.println("  pending:     " + (s.pending() == 0 ? "nothing" : s.pending() + " commit" + (s.pending() == 1 ? "" : "s")));
        s.lastError().ifPresent(e -> ctx.out.println(style.red("  last error:  ") + e
                + s.lastErrorAt().map(t -> " (" + t + ")").orElse("")));
    }
}
