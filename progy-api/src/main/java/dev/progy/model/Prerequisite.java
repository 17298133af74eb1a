package dev.progy.model;

import java.util.OptionalInt;

/**
 * Something that must be done before a module or exercise unlocks: {@code module:<dir>},
 * {@code exercise:<mod>/<ex>} or {@code quiz:<mod>/<ex>[:<minScore>]}.
 *
 * @param kind     what the target is
 * @param target   module dir or exercise id
 * @param minScore for quizzes: the score (0–100) needed; empty means "passed"
 */
public record Prerequisite(Kind kind, String target, OptionalInt minScore) {

    /** What a prerequisite points at. */
    public enum Kind { MODULE, EXERCISE, QUIZ }

    /** The prerequisite as written in info.toml. */
    @Override
    public String toString() {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + target;
        return minScore.isPresent() ? base + ":" + minScore.getAsInt() : base;
    }
}
