package dev.progy.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every reporting subcommand takes. */
final class CommonOptions {
    @Option(names = "--json", description = "Print the result as JSON on stdout (errors too).")
    boolean json;

    @Option(names = "--no-color", description = "Never colour the output (also: NO_COLOR set).")
    boolean noColor;

    @Option(names = {"-C", "--dir"}, paramLabel = "<workspace>",
            description = "The workspace to use (default: the current folder or the nearest one above it).")
    Path dir;
}
