package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.sync.tutor.TutorClient;
import dev.progy.sync.tutor.TutorUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

@Command(name = "ai", description = {"Your AI tutor on the server: your own model key, and your plan's usage.",
        "Its key set stores a key of yours on the server (typed without echo, never on the command line, never "
                + "shown again: key status gives its last four characters); usage shows today's use and limits."},
        subcommands = {AiCommand.Key.class, AiCommand.Usage.class})
final class AiCommand implements Callable<Integer> {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final CliContext ctx;

    AiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out.println("Use one of: progy ai key set | progy ai key status | progy ai key remove | progy ai usage");
        return ExitCode.USAGE;
    }

    /** A client for the server, or a clear error when signed out. */
    static TutorClient client(CliContext ctx, String server) {
        try {
            return TutorAccess.client(ctx, server);
        } catch (TutorUnavailableException e) {
            throw new ProgyException(e.getMessage(), e.fixHint());
        }
    }

    @Command(name = "key", description = {"Set, show or remove your own model key on the server.",
            "With a key of your own, lessons use your provider account instead of the server's plan."},
            subcommands = {Key.Set.class, Key.Status.class, Key.Remove.class})
    static final class Key implements Callable<Integer> {
        private final CliContext ctx;

        Key(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ctx.out.println("Use one of: progy ai key set | progy ai key status | progy ai key remove");
            return ExitCode.USAGE;
        }

        @Command(name = "set", description = {"Store your own model key on the server, typed without echo.",
                "The key is read from the terminal (or from stdin when it is not a terminal, e.g. "
                        + "progy ai key set < keyfile), sent once over your signed-in connection and stored encrypted; "
                        + "a key given on the command line is refused, since it would stay in your shell's history."})
        static final class Set implements Callable<Integer> {
            private final CliContext ctx;

            @Option(names = "--provider", paramLabel = "openai|anthropic", defaultValue = "openai",
                    description = "Whose key it is: openai (also OpenAI-compatible servers, with --base-url) or "
                            + "anthropic (default: ${DEFAULT-VALUE}).")
            String provider;

            @Option(names = "--model", paramLabel = "<model>", description = "The model to use (default: the server's).")
            String model;

            @Option(names = "--base-url", paramLabel = "<url>", description = "An OpenAI-compatible server's address "
                    + "(default: the provider's own).")
            String baseUrl;

            @Option(names = "--key", paramLabel = "<key>", hidden = true, description = "Refused: type the key when asked.")
            String keyOption;

            @Parameters(arity = "0..*", paramLabel = "<key>", hidden = true)
            List<String> given;

            @Mixin
            ServerOptions.Tutor tutor;

            Set(CliContext ctx) {
                this.ctx = ctx;
            }

            @Override
            public Integer call() throws InterruptedException, IOException {
                if (keyOption != null || (given != null && !given.isEmpty())) {
                    ctx.err.println("error: a key on the command line is refused: it would stay in your shell's "
                            + "history and be visible to other programs while progy runs.");
                    ctx.err.println("Run `progy ai key set` alone and paste the key when asked (it is not shown).");
                    return ExitCode.USAGE;
                }
                String p = provider.trim().toLowerCase(Locale.ROOT);
                if (!p.equals("openai") && !p.equals("anthropic")) {
                    throw new ProgyException("--provider is openai or anthropic, not '" + provider + "'.",
                            "Run `progy ai key set --provider openai` (OpenAI and compatible servers) or "
                                    + "`--provider anthropic`.");
                }
                TutorClient client = client(ctx, tutor.server);
                String key = readKey(p);
                if (key.isBlank()) {
                    throw new ProgyException("No key was given: nothing was stored.",
                            "Run `progy ai key set` again and paste the key when asked.");
                }
                TutorClient.KeyStatus s;
                try {
                    s = client.setKey(p, key.strip(), Optional.ofNullable(model), Optional.ofNullable(baseUrl));
                } catch (TutorUnavailableException e) {
                    throw new ProgyException("Your key was not stored: " + lower(e.getMessage()), e.fixHint());
                }
                ctx.out.println("Stored your " + s.provider() + " key ending in " + s.last4() + " on " + client.server()
                        + (s.model().isBlank() ? "" : ", model " + s.model()) + ". Lessons now use it; "
                        + "`progy ai key remove` takes it away.");
                return ExitCode.OK;
            }

            private String readKey(String p) throws IOException {
                Console console = ctx.terminal ? System.console() : null;
                if (console != null) {
                    char[] typed = console.readPassword("Paste your %s key (it is not shown), then Enter: ", p);
                    return typed == null ? "" : new String(typed);
                }
                if (ctx.terminal) {
                    ctx.err.print("Paste your " + p + " key, then Enter: ");
                    ctx.err.flush();
                }
                String line = ctx.in.readLine();
                return line == null ? "" : line;
            }
        }

        @Command(name = "status", description = "Show whether a key of yours is set: its provider and last four "
                + "characters, never the key.")
        static final class Status implements Callable<Integer> {
            private final CliContext ctx;

            @Mixin
            ServerOptions.Tutor tutor;

            @Option(names = "--json", description = CommonOptions.JSON)
            boolean json;

            Status(CliContext ctx) {
                this.ctx = ctx;
            }

            @Override
            public Integer call() throws InterruptedException {
                TutorClient client = client(ctx, tutor.server);
                Optional<TutorClient.KeyStatus> key;
                try {
                    key = client.key();
                } catch (TutorUnavailableException e) {
                    throw new ProgyException(e.getMessage(), e.fixHint());
                }
                if (json) {
                    var n = CliJson.object();
                    n.put("set", key.isPresent());
                    key.ifPresent(k -> {
                        n.put("provider", k.provider());
                        n.put("last4", k.last4());
                        n.put("model", k.model());
                        n.put("baseUrl", k.baseUrl());
                        k.setAt().ifPresent(t -> n.put("setAt", t.toString()));
                    });
                    ctx.out.println(CliJson.print(n));
                    return ExitCode.OK;
                }
                if (key.isEmpty()) {
                    ctx.out.println("No key of yours is set on " + client.server() + ": lessons use the server's model "
                            + "when your plan includes AI. `progy ai key set` stores one.");
                    return ExitCode.OK;
                }
                TutorClient.KeyStatus k = key.get();
                ctx.out.println("Your " + k.provider() + " key ending in " + k.last4() + " is set on " + client.server()
                        + (k.model().isBlank() ? "" : ", model " + k.model())
                        + (k.baseUrl().isBlank() ? "" : ", at " + k.baseUrl())
                        + k.setAt().map(t -> ", since " + SHOWN.format(t)).orElse("") + ".");
                return ExitCode.OK;
            }
        }

        @Command(name = "remove", description = "Remove your key from the server; lessons go back to the server's plan.")
        static final class Remove implements Callable<Integer> {
            private final CliContext ctx;

            @Mixin
            ServerOptions.Tutor tutor;

            Remove(CliContext ctx) {
                this.ctx = ctx;
            }

            @Override
            public Integer call() throws InterruptedException {
                TutorClient client = client(ctx, tutor.server);
                try {
                    client.removeKey();
                } catch (TutorUnavailableException e) {
                    throw new ProgyException("Your key was not removed: " + lower(e.getMessage()), e.fixHint());
                }
                ctx.out.println("Your key is removed from " + client.server() + ": lessons use the server's model when "
                        + "your plan includes AI.");
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "usage", description = "Show your plan, today's tutor lessons and model tokens, their limits and "
            + "when they reset.")
    static final class Usage implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        ServerOptions.Tutor tutor;

        @Option(names = "--json", description = CommonOptions.JSON)
        boolean json;

        Usage(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws InterruptedException {
            TutorClient client = client(ctx, tutor.server);
            TutorClient.Usage u;
            try {
                u = client.usage();
            } catch (TutorUnavailableException e) {
                throw new ProgyException(e.getMessage(), e.fixHint());
            }
            if (json) {
                var n = CliJson.object();
                n.put("plan", u.plan());
                n.put("day", u.day());
                u.resetsAt().ifPresent(t -> n.put("resetsAt", t.toString()));
                var l = n.putObject("lessons").put("used", u.lessonsUsed());
                limit(l, u.lessonsLimit());
                var t = n.putObject("tokens").put("used", u.tokensUsed());
                limit(t, u.tokensLimit());
                n.put("ownKey", u.ownKey());
                ctx.out.println(CliJson.print(n));
                return ExitCode.OK;
            }
            ctx.out.println("Plan " + u.plan() + " on " + client.server() + (u.ownKey() ? ", with your own key" : "") + ".");
            ctx.out.println("  Today (" + u.day() + "): lessons " + u.lessonsUsed() + of(u.lessonsLimit())
                    + ", model tokens " + String.format(Locale.ROOT, "%,d", u.tokensUsed()) + of(u.tokensLimit()) + ".");
            u.resetsAt().ifPresent(r -> ctx.out.println("  The limits reset at " + SHOWN.format(r) + "."));
            return ExitCode.OK;
        }

        private static void limit(com.fasterxml.jackson.databind.node.ObjectNode n, OptionalLong limit) {
            if (limit.isPresent()) {
                n.put("limit", limit.getAsLong());
            } else {
                n.putNull("limit");
            }
        }

        private static String of(OptionalLong limit) {
            return limit.isPresent() ? " of " + String.format(Locale.ROOT, "%,d", limit.getAsLong()) : " (no limit)";
        }
    }

    static String lower(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
