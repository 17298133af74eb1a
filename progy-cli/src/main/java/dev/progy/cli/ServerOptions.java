package dev.progy.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --server} option, once for each way a command finds its server when none is named; commands take one
 * of these as a picocli mixin.
 */
final class ServerOptions {

    private ServerOptions() { }

    /** For the registry's commands ({@code publish}, {@code search}, {@code info}, {@code yank}). */
    static final class Registry {
        @Option(names = "--server", paramLabel = "<url>", description = "The server whose registry to use (default: "
                + "PROGY_REGISTRY_SERVER, else PROGY_SYNC_SERVER, else the one you are signed in to).")
        String server;

        /** Makes a named server the one the registry adapter talks to in this command. */
        void apply(CliContext ctx) {
            if (server != null) {
                ctx.set("progy.registry.server", server);
            }
        }
    }

    /** For commands that act as the signed-in account ({@code share}, {@code join}, {@code tokens}). */
    static final class Account {
        @Option(names = "--server", paramLabel = "<url>",
                description = "The server (default: PROGY_SYNC_SERVER, this workspace's, or the only one you are signed in to).")
        String server;

        /** The server's URL, or a clear error naming {@code usage} (the command again, with {@code --server <server>}). */
        String url(CliContext ctx, String usage) {
            return ServerChoice.of(ctx, server, true, usage);
        }
    }

    /** For the AI tutor's commands ({@code tutor}, {@code ai}); the server is found as {@link TutorAccess} says. */
    static final class Tutor {
        @Option(names = "--server", paramLabel = "<url>", description = "The server (default: the one you are signed in to).")
        String server;
    }
}
