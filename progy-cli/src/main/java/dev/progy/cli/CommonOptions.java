package dev.progy.cli;

import picocli.CommandLine.Option;

/** Options every reporting subcommand takes: those of {@link WorkspaceOptions}, and JSON output. */
final class CommonOptions extends WorkspaceOptions {
    static final String JSON = "Print the result as JSON on stdout (errors too).";

    @Option(names = "--json", description = JSON)
    boolean json;
}
