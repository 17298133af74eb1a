package dev.progy.guard;

/**
 * One exercise as {@code guard --run} ran it: its starter, which must not pass, and its solution, which must.
 *
 * @param exercise        the exercise's id, e.g. {@code 01_basics/01_hello}
 * @param runner          the id of the course runner used
 * @param starterPassed   whether the starter passed as shipped (a finding when it did)
 * @param starter         how the starter ended, in a few words ("fails: test 'greets'")
 * @param solutionPassed  whether the solution passed
 * @param solution        how the solution ended, in a few words ("passes")
 */
public record SolutionCheck(String exercise, String runner, boolean starterPassed, String starter,
                            boolean solutionPassed, String solution) {

    /** Whether both ended as they must: the starter did not pass and the solution did. */
    public boolean asExpected() {
        return !starterPassed && solutionPassed;
    }
}
