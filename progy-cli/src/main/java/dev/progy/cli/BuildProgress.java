package dev.progy.cli;

import dev.progy.spi.RunListener;

/**
 * Shows the building of a course's image as it happens: the runner's output lines that start with
 * {@value #PREFIX} go to stderr (dimmed), the rest waits for the result printer.
 */
final class BuildProgress implements RunListener {
    /** How container runners mark the lines of an image build in the output they report. */
    static final String PREFIX = "[build] ";

    private final CliContext ctx;
    private final Style style;
    private final StringBuilder partial = new StringBuilder();

    BuildProgress(CliContext ctx, Style style) {
        this.ctx = ctx;
        this.style = style;
    }

    @Override
    public synchronized void output(String chunk) {
        partial.append(chunk);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            if (line.startsWith(PREFIX)) {
                ctx.err.println(style.dim(line));
                ctx.err.flush();
            }
        }
    }
}
