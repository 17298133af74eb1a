package dev.progy.model;

import java.time.LocalDate;
import java.util.SortedSet;

/** Streaks counted in a set of active UTC days. */
final class Streaks {

    private Streaks() { }

    /** Consecutive days up to and including the last active day; 0 with no activity. */
    static int current(SortedSet<LocalDate> days) {
        if (days.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (LocalDate d = days.last().minusDays(1); days.contains(d); d = d.minusDays(1)) {
            n++;
        }
        return n;
    }

    /** The most consecutive active days. */
    static int longest(SortedSet<LocalDate> days) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : days) {
            run = previous != null && d.equals(previous.plusDays(1)) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = d;
        }
        return longest;
    }
}
