package dev.progy.spi.support.protocol;

import dev.progy.spi.support.sandbox.DiskWatch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a runner saw of one run, before it is read as a result by {@link ResultProtocol}.
 *
 * @param exitCode        the program's exit code, if it exited (empty when it was never started or never reaped)
 * @param output          stdout and stderr as captured, usually {@link CappedOutput#text()}
 * @param outputTruncated whether the output hit its limit (and the program was stopped for it)
 * @param timedOut        whether the run hit its wall-clock timeout (and was stopped for it)
 * @param outOfMemory     whether the run hit its memory limit (e.g. a container killed by the OOM killer)
 * @param resultsJson     the content of {@code results.json} from {@code $PROGY_OUTPUT_DIR}, if the run wrote
 *                        one; see {@link ResultProtocol#readResultsFile}
 * @param duration        wall time of the run
 * @param wroteTooMuch    whether the run wrote more than its disk limit (and was stopped for it); see {@link DiskWatch}
 */
public record RawRun(OptionalInt exitCode, String output, boolean outputTruncated, boolean timedOut,
                     boolean outOfMemory, Optional<String> resultsJson, Duration duration, boolean wroteTooMuch) {

    /** A run that stayed within its disk limit. */
    public RawRun(OptionalInt exitCode, String output, boolean outputTruncated, boolean timedOut,
                  boolean outOfMemory, Optional<String> resultsJson, Duration duration) {
        this(exitCode, output, outputTruncated, timedOut, outOfMemory, resultsJson, duration, false);
    }

    public RawRun {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(resultsJson, "resultsJson");
        Objects.requireNonNull(duration, "duration");
    }

    /** A run that exited with {@code exitCode}, printed {@code output}, wrote no results file and hit no limit. */
    public static RawRun exited(int exitCode, String output, Duration duration) {
        return new RawRun(OptionalInt.of(exitCode), output, false, false, false, Optional.empty(), duration);
    }

    /** This run with {@code text} after its output (on a line of its own), e.g. what the egress proxy saw. */
    public RawRun withOutputAppended(String text) {
        if (text.isEmpty()) {
            return this;
        }
        String joined = output.isEmpty() || output.endsWith("\n") ? output + text : output + "\n" + text;
        return new RawRun(exitCode, joined, outputTruncated, timedOut, outOfMemory, resultsJson, duration, wroteTooMuch);
    }

    /** This run with a results file. */
    public RawRun withResultsJson(String json) {
        return new RawRun(exitCode, output, outputTruncated, timedOut, outOfMemory, Optional.of(json), duration,
                wroteTooMuch);
    }
}
