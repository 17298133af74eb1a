package dev.progy.server;

import dev.progy.ProgyException;
import dev.progy.spi.support.IoFailures;
import dev.progy.sync.hub.AccountSummary;
import dev.progy.sync.hub.SyncHub;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code progy-server}: the only class that calls {@link System#exit}.
 *
 * <pre>
 * java -jar progy-server.jar serve [--db sqlite:progy-server.db] [--host 0.0.0.0] [--port 8080] [--connections 8]
 * java -jar progy-server.jar admin create-user|list-users|revoke-token|rotate-token … [--db …]
 * java -jar progy-server.jar --help
 * </pre>
 *
 * {@code --db} is {@code sqlite:/path/server.db} (the default, {@code progy-server.db} in the working folder) or
 * {@code postgresql://user:password@host:5432/database}; {@code PROGY_SERVER_DB} sets it too. Exit codes: 0 ok,
 * 2 usage, 5 an error the user can fix (message on stderr).
 */
public final class Main {

    static final String USAGE = """
            usage: progy-server serve [--db <database>] [--host <address>] [--port <port>]
                                      [--connections <n>]
                   progy-server admin create-user <name> [--db <database>]
                   progy-server admin list-users [--db <database>]
                   progy-server admin revoke-token <user | token-start> [--db <database>]
                   progy-server admin rotate-token <user> [--db <database>]

              serve         run the server: progress sync (POST /api/v1/sync) and health
                            (GET /api/v1/health); --host (default 0.0.0.0), --port (default
                            8080), --connections per instance for PostgreSQL (default 8)
              create-user   make an account and print its token, once
              list-users    every account: its name, when it was made, its token's first
                            characters, whether the token was revoked, and how many progress
                            records it holds
              revoke-token  stop a token from signing in: the token of the user named, or
                            the one that begins with the characters given (as list-users
                            shows them); the account's progress stays
              rotate-token  give a user a new token, printed once; the old one stops working

              <database>    sqlite:/path/server.db (default: sqlite:progy-server.db, or
                            PROGY_SERVER_DB) or postgresql://user:password@host:5432/db

            Exit codes: 0 done, 2 the command line was wrong, 5 an error you can fix (the
            message says how).""";


    private static final String HINT = "Run 'progy-server --help' for usage.";

    private Main() { }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }

    /** Runs a command; {@code serve} returns only when the server stops. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h") || args[i].equals("help")) {
                out.println(USAGE);
                return 0;
            }
            if (args[i].startsWith("-")) {
                if (!VALUED.contains(args[i])) {
                    return usage(err, "unknown option " + args[i]);
                }
                if (i + 1 >= args.length) {
                    return usage(err, args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        String db = options.getOrDefault("db", System.getenv().getOrDefault("PROGY_SERVER_DB", "sqlite:progy-server.db"));
        try {
            if (words.equals(List.of("serve"))) {
                return serve(db, options, out);
            }
            if (!words.get(0).equals("admin")) {
                return usage(err, "'" + words.get(0) + "' is not a command (serve or admin)");
            }
            if (words.size() < 2) {
                return usage(err, "admin needs a command: create-user, list-users, revoke-token or rotate-token");
            }
            return admin(words.get(1), words.subList(2, words.size()), db, out, err);
        } catch (NumberFormatException e) {
            return usage(err, "not a number: " + e.getMessage().replace("For input string: ", ""));
        } catch (ProgyException e) {
            err.println("progy-server: " + e.getMessage());
            if (!e.fixHint().isBlank()) {
                err.println("  fix: " + e.fixHint());
            }
            return 5;
        }
    }

    private static final List<String> VALUED = List.of("--db", "--host", "--port", "--connections");

    private static int usage(PrintStream err, String what) {
        err.println("progy-server: " + what);
        err.println(HINT);
        return 2;
    }

    /** The administrator's commands: accounts and their tokens. */
    private static int admin(String command, List<String> rest, String db, PrintStream out, PrintStream err) {
        int wanted = command.equals("list-users") ? 0 : 1;
        if (!List.of("create-user", "list-users", "revoke-token", "rotate-token").contains(command)) {
            return usage(err, "'" + command + "' is not an admin command (create-user, list-users, revoke-token, "
                    + "rotate-token)");
        }
        if (rest.size() != wanted) {
            return usage(err, "admin " + command + (wanted == 0 ? " takes no argument" : " needs one argument: "
                    + (command.equals("revoke-token") ? "<user | token-start>" : "<user>")));
        }
        try (SyncHub hub = SyncHub.open(db, 1, Clock.systemUTC())) {
            switch (command) {
                case "create-user" -> {
                    String token = hub.createAccount(rest.get(0));
                    out.println("Created account " + rest.get(0) + ". Its token (shown once, keep it secret):");
                    out.println(token);
                }
                case "list-users" -> listUsers(hub.accounts(), out);
                case "revoke-token" -> {
                    String name = hub.revokeToken(rest.get(0));
                    out.println("Revoked the token of " + name + ": it no longer signs in. Its progress stays; "
                            + "progy-server admin rotate-token " + name + " gives it a new token.");
                }
                default -> {
                    String token = hub.rotateToken(rest.get(0));
                    out.println("New token for " + rest.get(0) + " (shown once, keep it secret; the old one no "
                            + "longer works):");
                    out.println(token);
                }
            }
        }
        return 0;
    }

    private static void listUsers(List<AccountSummary> accounts, PrintStream out) {
        if (accounts.isEmpty()) {
            out.println("No accounts yet: progy-server admin create-user <name> makes one.");
            return;
        }
        int width = Math.max(4, accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
        out.printf("%-" + width + "s  %-20s  %-14s  %s%n", "user", "created", "token", "records");
        for (AccountSummary a : accounts) {
            String token = a.revoked() ? "revoked" : a.tokenHint().map(h -> h + "…").orElse("(no hint)");
            String created = a.createdAt().length() >= 19 ? a.createdAt().substring(0, 19).replace('T', ' ') : a.createdAt();
            out.printf("%-" + width + "s  %-20s  %-14s  %d%n", a.name(), created, token, a.records());
        }
    }

    private static int serve(String db, Map<String, String> options, PrintStream out) {
        int port = Integer.parseInt(options.getOrDefault("port", "8080"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        String host = options.getOrDefault("host", "0.0.0.0");
        SyncHub hub = SyncHub.open(db, connections, Clock.systemUTC());
        SyncServer server;
        try {
            server = SyncServer.start(hub, host, port);
        } catch (RuntimeException e) {
            hub.close();
            throw new ProgyException("Could not listen on " + host + ":" + port + ": " + IoFailures.describe(e),
                    "Choose another --port, or stop what uses it.", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "progy-server-stop"));
        out.println("progy-server listening on http://" + host + ":" + server.port() + " with "
                + hub.health().database());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
