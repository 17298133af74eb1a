package dev.progy.cli;

import picocli.CommandLine.Option;

/** Options every reporting subcommand takes: those of {@link WorkspaceOptions}, and JSON output. */
final class CommonOptions extends WorkspaceOptions {
    @Option(names = "--json", description = "Print the result as JSON on stdout (errors too).")
    boolean json;
}
