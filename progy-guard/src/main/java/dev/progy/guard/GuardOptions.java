package dev.progy.guard;

import dev.progy.Progy;
import dev.progy.spi.AiProvider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Guard} run does beyond the static checks, which always run. Start from {@link #defaults()}:
 *
 * <pre>{@code
 * GuardReport report = Guard.check(course, GuardOptions.defaults()
 *         .checkingExternalLinks(Duration.ofSeconds(10))
 *         .runningSolutions(progy, Optional.empty()));
 * }</pre>
 *
 * @param limits              how much the course may hold
 * @param externalLinkTimeout when present, every http(s) link of the Markdown is requested, each with this timeout
 * @param solutionRuns        when present, every starter and solution is run with this SDK's runners; the Guard runs
 *                            nothing unless asked, and never a course whose static checks found an error
 * @param runnerId            the course runner the solutions run with (the course's default when empty)
 * @param aiReviewer          when present, asked for advice on the instructions and hints (notes only, never a verdict)
 */
public record GuardOptions(GuardLimits limits, Optional<Duration> externalLinkTimeout, Optional<Progy> solutionRuns,
                           Optional<String> runnerId, Optional<AiProvider> aiReviewer) {

    public GuardOptions {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(externalLinkTimeout);
        Objects.requireNonNull(solutionRuns);
        Objects.requireNonNull(runnerId);
        Objects.requireNonNull(aiReviewer);
    }

    /** The static checks only, with the default limits. */
    public static GuardOptions defaults() {
        return new GuardOptions(GuardLimits.DEFAULT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These options with other limits. */
    public GuardOptions withLimits(GuardLimits newLimits) {
        return new GuardOptions(newLimits, externalLinkTimeout, solutionRuns, runnerId, aiReviewer);
    }

    /** These options, also requesting every external link (HEAD, then GET where HEAD is refused). */
    public GuardOptions checkingExternalLinks(Duration timeout) {
        return new GuardOptions(limits, Optional.of(timeout), solutionRuns, runnerId, aiReviewer);
    }

    /**
     * These options, also running every exercise's starter (it must fail) and solution (it must pass) through
     * {@code progy}'s runners, with the course runner {@code runner} (the default when empty). The caller keeps
     * {@code progy} and closes it.
     */
    public GuardOptions runningSolutions(Progy progy, Optional<String> runner) {
        return new GuardOptions(limits, externalLinkTimeout, Optional.of(progy), runner, aiReviewer);
    }

    /** These options, also asking {@code reviewer} for advice on the instructions and hints. */
    public GuardOptions reviewedBy(AiProvider reviewer) {
        return new GuardOptions(limits, externalLinkTimeout, solutionRuns, runnerId, Optional.of(reviewer));
    }
}
