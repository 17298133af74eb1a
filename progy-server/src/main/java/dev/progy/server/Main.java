package dev.progy.server;

import dev.progy.error.ProgyException;
import dev.progy.server.ServerConfig.Setting;
import dev.progy.server.account.Role;
import dev.progy.sync.hub.SyncHub;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code progy-server}: the only class that calls {@link System#exit}. Exit codes: 0 ok, 2 usage, 5 an error the
 * user can fix (message on stderr).
 */
public final class Main {

    static final String USAGE = """
            usage: progy-server serve [--<setting> <value>]… [--config <file>]
                   progy-server admin create-user <name>      make an account; prints its token once
                   progy-server admin list-users              every account, and whether its token is revoked
                   progy-server admin revoke-token <name>     the account's token stops working at once
                   progy-server admin rotate-token <name>     a new token for the account (printed once); the old one stops working
                   progy-server admin set-role <name> <role>  student, instructor or admin
                   progy-server admin create-token <name> <scope>[,<scope>…] [<days>]
                                                              another token (printed once): sync, read, ai, live,
                                                              telemetry, admin, publish:<organisation>; expiring after
                                                              <days>
                   progy-server admin rotate-registry-key     a new key signs the registry's versions from now on,
                                                              endorsed by the current one (older signatures stay valid)
                   progy-server admin set-plan <name> <plan>  the account's AI plan (setting ai-plans: free, pro, own-key…)
                   progy-server admin rotate-ai-master-key    a new AI master key first in its file; every stored AI key
                                                              is re-wrapped with it in a durable job
                   progy-server --help
            """;

    private Main() { }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv());
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }

    /** Runs a command; {@code serve} returns only when the server stops. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h") || args[i].equals("help")) {
                out.print(help());
                return 0;
            }
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    err.println("progy-server: " + args[i] + " needs a value\n" + USAGE);
                    return 2;
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                words.add(args[i]);
            }
        }
        try {
            ServerConfig config = ServerConfig.load(options, env);
            if (words.equals(List.of("serve"))) {
                return serve(config, out);
            }
            if (words.size() >= 2 && words.get(0).equals("admin")) {
                return admin(words, config, out, err);
            }
            err.print(USAGE);
            return 2;
        } catch (ServerConfig.Unknown e) {
            err.println("progy-server: " + e.getMessage() + "\n  fix: " + e.fixHint());
            return 2;
        } catch (ProgyException e) {
            err.println("progy-server: " + e.getMessage());
            if (!e.fixHint().isBlank()) {
                err.println("  fix: " + e.fixHint());
            }
            return 5;
        }
    }

    static String help() {
        return USAGE + "\nSettings (first found wins: option, environment variable, --config file as <setting> = <value>,"
                + " default):\n" + ServerConfig.describe();
    }

    private static int admin(List<String> words, ServerConfig config, PrintStream out, PrintStream err) {
        String command = words.get(1);
        if (command.equals("list-users") && words.size() == 2) {
            List<SyncHub.AccountSummary> all = ProgyServer.withAccounts(config, a -> a.list());
            if (all.isEmpty()) {
                out.println("No accounts yet. Make one with: progy-server admin create-user <name>");
            }
            for (SyncHub.AccountSummary a : all) {
                out.println(a.name() + "\tcreated " + a.createdAt() + (a.revoked() ? "\ttoken revoked" : "\ttoken active"));
            }
            return 0;
        }
        if (command.equals("set-role") && words.size() == 4) {
            Optional<Role> role = Role.parse(words.get(3));
            if (role.isEmpty()) {
                err.println("progy-server: there is no role " + words.get(3) + "; the roles are student, instructor, admin.");
                return 2;
            }
            ProgyServer.withAccounts(config, a -> {
                a.setRole(words.get(2), role.get());
                return null;
            });
            String name = role.get().text();
            out.println(words.get(2) + " is now " + ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name + ".");
            return 0;
        }
        if (command.equals("rotate-registry-key") && words.size() == 2) {
            String id = ProgyServer.rotateRegistryKey(config);
            out.println("The registry now signs with key " + id + ", endorsed by the key before it; clients that "
                    + "pinned the old key accept the new one. Every instance signs with it from now on.");
            return 0;
        }
        if (command.equals("set-plan") && words.size() == 4) {
            ProgyServer.setAiPlan(config, words.get(2), words.get(3));
            out.println(words.get(2) + " now has the AI plan " + words.get(3) + ".");
            return 0;
        }
        if (command.equals("rotate-ai-master-key") && words.size() == 2) {
            int n = ProgyServer.rotateAiMasterKey(config, out);
            out.println("Re-wrapped " + n + " stored AI key(s) with the new master key. The older keys stay as the "
                    + "file's later lines; remove them once every instance has the new file.");
            return 0;
        }
        if (command.equals("create-token") && (words.size() == 4 || words.size() == 5)) {
            Set<String> scopes = new LinkedHashSet<>(Arrays.asList(words.get(3).split(",")));
            Optional<Instant> expires = Optional.empty();
            if (words.size() == 5) {
                long days;
                try {
                    days = Long.parseLong(words.get(4));
                } catch (NumberFormatException e) {
                    days = -1;
                }
                if (days < 1 || days > 3650) {
                    err.println("progy-server: the days a token lasts are a whole number from 1 to 3650, not "
                            + words.get(4) + ".");
                    return 2;
                }
                expires = Optional.of(Instant.now().plus(Duration.ofDays(days)));
            }
            Optional<Instant> until = expires;
            String token = ProgyServer.withAccounts(config, a -> a.createToken(words.get(2), scopes, until,
                    "made by an operator"));
            out.println("New token for " + words.get(2) + " with " + String.join(", ", scopes)
                    + until.map(t -> ", until " + t).orElse(", without expiry") + " (shown once, keep it secret):");
            out.println(token);
            return 0;
        }
        if (words.size() != 3) {
            err.print(USAGE);
            return 2;
        }
        String name = words.get(2);
        switch (command) {
            case "create-user" -> {
                String token = ProgyServer.withAccounts(config, a -> a.create(name));
                out.println("Created account " + name + ". Its token (shown once, keep it secret):");
                out.println(token);
            }
            case "revoke-token" -> {
                ProgyServer.withAccounts(config, a -> {
                    a.revoke(name);
                    return null;
                });
                out.println("Revoked the token of " + name + ": it no longer syncs. Give " + name
                        + " a new one with: progy-server admin rotate-token " + name);
            }
            case "rotate-token" -> {
                String token = ProgyServer.withAccounts(config, a -> a.rotate(name));
                out.println("New token for " + name + " (shown once, keep it secret; the old one no longer works):");
                out.println(token);
            }
            default -> {
                err.print(USAGE);
                return 2;
            }
        }
        return 0;
    }

    private static int serve(ServerConfig config, PrintStream out) {
        ProgyServer server = ProgyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "progy-server-stop"));
        out.println("progy-server listening on http://" + config.text(Setting.HOST) + ":" + server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
