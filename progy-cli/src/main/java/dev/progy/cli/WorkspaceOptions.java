package dev.progy.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of every command that works in a workspace and prints for a person (watch takes only these). */
class WorkspaceOptions {
    static final String NO_COLOR = "Never colour the output (also: NO_COLOR set).";
    static final String DIR = "The workspace to use (default: the current folder or the nearest one above it).";

    @Option(names = "--no-color", description = NO_COLOR)
    boolean noColor;

    @Option(names = {"-C", "--dir"}, paramLabel = "<workspace>", description = DIR)
    Path dir;
}
