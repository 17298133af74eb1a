package dev.progy.server;

import dev.progy.ProgyException;
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
 * java -jar progy-server.jar admin create-user &lt;name&gt; [--db …]
 * </pre>
 *
 * {@code --db} is {@code sqlite:/path/server.db} (the default, {@code progy-server.db} in the working folder) or
 * {@code postgresql://user:password@host:5432/database}; {@code PROGY_SERVER_DB} sets it too. Exit codes: 0 ok,
 * 2 usage, 5 an error the user can fix (message on stderr).
 */
public final class Main {

    static final String USAGE = """
            usage: progy-server serve [--db <database>] [--host <address>] [--port <port>] [--connections <n>]
                   progy-server admin create-user <name> [--db <database>]
              <database>: sqlite:/path/server.db (default: sqlite:progy-server.db) or
                          postgresql://user:password@host:5432/database""";

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
        String db = options.getOrDefault("db", System.getenv().getOrDefault("PROGY_SERVER_DB", "sqlite:progy-server.db"));
        try {
            if (words.equals(List.of("serve"))) {
                return serve(db, options, out);
            }
            if (words.size() == 3 && words.get(0).equals("admin") && words.get(1).equals("create-user")) {
                try (SyncHub hub = SyncHub.open(db, 1, Clock.systemUTC())) {
                    String token = hub.createAccount(words.get(2));
                    out.println("Created account " + words.get(2) + ". Its token (shown once, keep it secret):");
                    out.println(token);
                }
                return 0;
            }
            err.println(USAGE);
            return 2;
        } catch (NumberFormatException e) {
            err.println("progy-server: not a number: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (ProgyException e) {
            err.println("progy-server: " + e.getMessage());
            if (!e.fixHint().isBlank()) {
                err.println("  fix: " + e.fixHint());
            }
            return 5;
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
            throw new ProgyException("Could not listen on " + host + ":" + port + ": " + e.getMessage(),
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
