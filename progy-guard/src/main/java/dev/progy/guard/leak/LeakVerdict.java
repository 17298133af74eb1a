package dev.progy.guard.leak;

/**
 * Whether a lesson gives the exercise's solution away, and why.
 *
 * @param leaks       true when the lesson must not be shown as it is
 * @param reason      the strongest signal found ({@link Reason#NONE} for a clean lesson)
 * @param explanation the reason in a sentence, for a log or a rewrite prompt: what in the lesson matches the solution
 * @param containment the largest share of one part of the solution's fingerprints found in the lesson's code, 0 to 1
 * @param longestRun  the longest run of tokens the lesson's code shares with the solution's own part (names aside)
 */
public record LeakVerdict(boolean leaks, Reason reason, String explanation, double containment, int longestRun) {

    /** What made the verdict. */
    public enum Reason {
        /** Nothing in the lesson is close to the solution. */
        NONE,
        /** The lesson writes one of the exercise's own functions in full. */
        OWN_FUNCTION,
        /** The lesson repeats the solution's distinctive lines. */
        DISTINCTIVE_LINES,
        /** The lesson's code holds most of the fingerprints of a part of the solution, names changed or not. */
        FINGERPRINTS,
        /** The lesson's code repeats a long run of the solution's tokens, names changed or not. */
        LONG_RUN
    }
}
