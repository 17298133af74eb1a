package dev.progy.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of every command that works in a workspace and prints for a person (watch takes only these). */
class WorkspaceOptions {
    @Option(names = "--no-color", description = "Never colour the output (also: NO_COLOR set).")
    boolean noColor;

    @Option(names = {"-C", "--dir"}, paramLabel = "<workspace>",
            description = "The workspace to use (default: the current folder or the nearest one above it).")
    Path dir;
}
