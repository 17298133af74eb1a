package dev.progy.spi.support.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, ordered by its precedence rules: numerically ({@code 1.10.0} after
 * {@code 1.9.0}), a pre-release before its release, build metadata ignored (then compared as text, so the
 * order stays total and stable).
 */
public record SemanticVersion(String text, BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
        implements Comparable<SemanticVersion> {

    /** The regular expression semver.org publishes, with named groups. */
    private static final Pattern SEMVER = Pattern.compile(
            "^(?<major>0|[1-9]\\d*)\\.(?<minor>0|[1-9]\\d*)\\.(?<patch>0|[1-9]\\d*)"
                    + "(?:-(?<pre>(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+(?<build>[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /** The version {@code text} stands for, if it is one. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null || text.length() > 128) {
            return Optional.empty();
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String pre = m.group("pre");
        return Optional.of(new SemanticVersion(text, new BigInteger(m.group("major")), new BigInteger(m.group("minor")),
                new BigInteger(m.group("patch")), pre == null ? List.of() : List.of(pre.split("\\."))));
    }

    /** Whether this and {@code other} are the same version for ordering purposes (they differ at most in build metadata). */
    public boolean samePrecedence(SemanticVersion other) {
        return comparePrecedence(other) == 0;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = comparePrecedence(other);
        return c != 0 ? c : text.compareTo(other.text);
    }

    /** Which comes first by semver precedence (build metadata ignored): negative when this one does. */
    public int comparePrecedence(SemanticVersion other) {
        int c = major.compareTo(other.major);
        if (c == 0) {
            c = minor.compareTo(other.minor);
        }
        if (c == 0) {
            c = patch.compareTo(other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            // a release comes after its pre-releases
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    /** Numeric identifiers compare as numbers and sort before alphanumeric ones, which compare in ASCII order. */
    private static int compareIdentifier(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return text;
    }
}
