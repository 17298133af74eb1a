package dev.progy;

import dev.progy.spi.support.version.SemanticVersion;

import java.util.Optional;

/** Course versions (semver, as {@code course.json} gives them) compared by their precedence. */
public final class CourseVersions {

    private CourseVersions() { }

    /**
     * Which of two versions is newer: negative when {@code a} comes before {@code b}, zero when they are the same
     * release (build metadata aside), positive when {@code a} is newer; empty when either is not a semver version.
     */
    public static Optional<Integer> compare(String a, String b) {
        Optional<SemanticVersion> va = SemanticVersion.parse(a);
        Optional<SemanticVersion> vb = SemanticVersion.parse(b);
        if (va.isEmpty() || vb.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Integer.signum(va.get().comparePrecedence(vb.get())));
    }
}
