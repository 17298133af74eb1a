package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.Severity;

import java.util.Comparator;
import java.util.List;

/**
 * What the Guard found in one course: every finding, ordered by file and line, and the verdict.
 *
 * @param course    the course's id (the folder or archive name when the course does not load)
 * @param source    the folder or archive checked, as given
 * @param findings  every finding, by file then line
 * @param runs      with {@code --run}: each exercise's starter and solution verdict, in course order (else empty)
 */
public record GuardReport(String course, String source, List<Finding> findings, List<SolutionCheck> runs) {

    public GuardReport {
        findings = findings.stream().sorted(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparing(f -> f.rule().id())).toList();
        runs = List.copyOf(runs);
    }

    /** A report of checks that ran no exercise. */
    public GuardReport(String course, String source, List<Finding> findings) {
        this(course, source, findings, List.of());
    }

    /** Whether the course passes: no finding is an error. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** How many findings have this severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
