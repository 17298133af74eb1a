package dev.progy.spi.support.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of versions as npm writes them, for {@code progy init @scope/name@^1.2}: an exact version ({@code 1.2.3},
 * {@code =1.2.3}), caret ({@code ^1.2}: up to the next major, or the next minor below 1.0), tilde ({@code ~1.2.3}: up
 * to the next minor), comparisons ({@code >=1.2 <2}), x-ranges ({@code 1.x}, {@code 1.2.*}, {@code 1}), {@code *},
 * hyphen ranges ({@code 1.2 - 1.4}), comparators joined by spaces (all must hold) and sets joined by {@code ||}
 * (one must). As in npm, a pre-release matches only a range that names a pre-release of the same
 * {@code major.minor.patch}.
 */
public final class VersionRange {

    private static final Pattern PARTIAL = Pattern.compile(
            "^v?(?<major>\\d+|[xX*])(?:\\.(?<minor>\\d+|[xX*])(?:\\.(?<patch>\\d+|[xX*])"
                    + "(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?)?)?$");
    private static final Pattern COMPARATOR = Pattern.compile("^(?<op><=|>=|<|>|=|\\^|~>?)?\\s*(?<version>\\S+)$");

    private final String text;
    private final List<List<Comparator>> sets;

    private VersionRange(String text, List<List<Comparator>> sets) {
        this.text = text;
        this.sets = sets;
    }

    /** The range {@code text} stands for, if it is one; empty text is {@code *}. */
    public static Optional<VersionRange> parse(String text) {
        if (text == null || text.length() > 256) {
            return Optional.empty();
        }
        List<List<Comparator>> sets = new ArrayList<>();
        for (String set : text.split("\\|\\|", -1)) {
            Optional<List<Comparator>> parsed = parseSet(set.trim());
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            sets.add(parsed.get());
        }
        return Optional.of(new VersionRange(text.trim(), List.copyOf(sets)));
    }

    /** Whether {@code text} names one version exactly ({@code 1.2.3} or {@code =1.2.3}), not a range. */
    public static Optional<SemanticVersion> exact(String text) {
        String t = text.trim();
        return SemanticVersion.parse(t.startsWith("=") ? t.substring(1).trim() : t);
    }

    /** Whether {@code version} is in the range. */
    public boolean matches(SemanticVersion version) {
        for (List<Comparator> set : sets) {
            if (set.stream().allMatch(c -> c.test(version)) && (version.preRelease().isEmpty()
                    || set.stream().anyMatch(c -> !c.bound.preRelease().isEmpty() && sameTriple(c.bound, version)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The item to install for {@code spec} among {@code items}: for an exact version, that version whatever else
     * holds (a yanked version stays installable by its number); for a range (empty: {@code *}), the newest matching
     * item that is not {@code yanked}. Empty when nothing fits or {@code spec} is neither.
     */
    public static <T> Optional<T> choose(List<T> items, String spec, Function<T, String> version, Predicate<T> yanked) {
        Optional<SemanticVersion> exact = exact(spec);
        if (exact.isPresent()) {
            return items.stream().filter(i -> SemanticVersion.parse(version.apply(i))
                    .map(v -> v.samePrecedence(exact.get())).orElse(false)).findFirst();
        }
        Optional<VersionRange> range = parse(spec);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        record Candidate<T>(T item, SemanticVersion version) { }
        List<Candidate<T>> candidates = new ArrayList<>();
        for (T item : items) {
            SemanticVersion.parse(version.apply(item)).filter(range.get()::matches)
                    .filter(v -> !yanked.test(item)).ifPresent(v -> candidates.add(new Candidate<>(item, v)));
        }
        return candidates.stream().max(java.util.Comparator.comparing(Candidate::version)).map(Candidate::item);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "*" : text;
    }

    private static Optional<List<Comparator>> parseSet(String set) {
        List<Comparator> out = new ArrayList<>();
        if (set.isEmpty()) {
            return Optional.of(out); // matches everything (that is not a pre-release)
        }
        String[] hyphen = set.split("\\s+-\\s+");
        if (hyphen.length == 2) {
            Optional<Partial> from = Partial.parse(hyphen[0].trim());
            Optional<Partial> to = Partial.parse(hyphen[1].trim());
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            addGreaterOrEqual(out, from.get());
            addLessOrEqual(out, to.get());
            return Optional.of(out);
        }
        // ">= 1.2" is written with a space sometimes: join an operator to its version
        String joined = set.replaceAll("(<=|>=|<|>|=|\\^|~>?)\\s+", "$1");
        for (String token : joined.split("\\s+")) {
            Matcher m = COMPARATOR.matcher(token);
            if (!m.matches()) {
                return Optional.empty();
            }
            Optional<Partial> p = Partial.parse(m.group("version"));
            if (p.isEmpty()) {
                return Optional.empty();
            }
            String op = m.group("op") == null ? "" : m.group("op");
            Partial v = p.get();
            switch (op) {
                case "^" -> caret(out, v);
                case "~", "~>" -> tilde(out, v);
                case ">=" -> addGreaterOrEqual(out, v);
                case "<=" -> addLessOrEqual(out, v);
                case ">" -> {
                    if (v.major == null) {
                        out.add(new Comparator("<", version(0, 0, 0, "0"))); // nothing is above everything
                    } else if (v.complete()) {
                        out.add(new Comparator(">", v.version()));
                    } else {
                        out.add(new Comparator(">=", v.next().version()));
                    }
                }
                case "<" -> {
                    if (v.complete()) {
                        out.add(new Comparator("<", v.version()));
                    } else if (v.major == null) {
                        out.add(new Comparator("<", version(0, 0, 0, "0")));
                    } else {
                        out.add(new Comparator("<", v.floor().lowestPre()));
                    }
                }
                default -> { // "" or "=": an x-range when partial
                    if (v.complete()) {
                        out.add(new Comparator("=", v.version()));
                    } else {
                        addGreaterOrEqual(out, v);
                        addLessOrEqual(out, v);
                    }
                }
            }
        }
        return Optional.of(out);
    }

    private static void caret(List<Comparator> out, Partial v) {
        if (v.major == null) {
            return;
        }
        out.add(new Comparator(">=", v.floor().version()));
        Partial upper;
        if (v.major.signum() > 0 || v.minor == null) {
            upper = new Partial(v.major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null);
        } else if (v.minor.signum() > 0 || v.patch == null) {
            upper = new Partial(v.major, v.minor.add(BigInteger.ONE), BigInteger.ZERO, null);
        } else {
            upper = new Partial(v.major, v.minor, v.patch.add(BigInteger.ONE), null);
        }
        out.add(new Comparator("<", upper.lowestPre()));
    }

    private static void tilde(List<Comparator> out, Partial v) {
        if (v.major == null) {
            return;
        }
        out.add(new Comparator(">=", v.floor().version()));
        Partial upper = v.minor == null
                ? new Partial(v.major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null)
                : new Partial(v.major, v.minor.add(BigInteger.ONE), BigInteger.ZERO, null);
        out.add(new Comparator("<", upper.lowestPre()));
    }

    private static void addGreaterOrEqual(List<Comparator> out, Partial v) {
        if (v.major != null) {
            out.add(new Comparator(">=", v.floor().version()));
        }
    }

    private static void addLessOrEqual(List<Comparator> out, Partial v) {
        if (v.major == null) {
            return;
        }
        if (v.complete()) {
            out.add(new Comparator("<=", v.version()));
        } else {
            out.add(new Comparator("<", v.next().lowestPre()));
        }
    }

    private static boolean sameTriple(SemanticVersion a, SemanticVersion b) {
        return a.major().equals(b.major()) && a.minor().equals(b.minor()) && a.patch().equals(b.patch());
    }

    private static SemanticVersion version(long major, long minor, long patch, String pre) {
        return SemanticVersion.parse(major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre)).orElseThrow();
    }

    /** One comparison with a bound. */
    private record Comparator(String op, SemanticVersion bound) {
        boolean test(SemanticVersion v) {
            int c = v.comparePrecedence(bound);
            return switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c == 0;
            };
        }
    }

    /** A version that may stop early or hold wildcards: {@code 1}, {@code 1.2}, {@code 1.x}, {@code *}; null parts are wild. */
    private record Partial(BigInteger major, BigInteger minor, BigInteger patch, String pre) {

        static Optional<Partial> parse(String text) {
            Matcher m = PARTIAL.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            BigInteger major = number(m.group("major"));
            BigInteger minor = major == null ? null : number(m.group("minor"));
            BigInteger patch = minor == null ? null : number(m.group("patch"));
            String pre = patch == null ? null : m.group("pre");
            if (pre != null && SemanticVersion.parse("0.0.0-" + pre).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Partial(major, minor, patch, pre));
        }

        private static BigInteger number(String part) {
            return part == null || part.equalsIgnoreCase("x") || part.equals("*") ? null : new BigInteger(part);
        }

        boolean complete() {
            return patch != null;
        }

        /** The lowest version this partial stands for ({@code 1.2} → {@code 1.2.0}). */
        Partial floor() {
            return new Partial(major, minor == null ? BigInteger.ZERO : minor, patch == null ? BigInteger.ZERO : patch,
                    patch == null ? null : pre);
        }

        /** The first version past what this partial stands for ({@code 1.2} → {@code 1.3.0}, {@code 1} → {@code 2.0.0}). */
        Partial next() {
            if (minor == null) {
                return new Partial(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null);
            }
            return new Partial(major, minor.add(BigInteger.ONE), BigInteger.ZERO, null);
        }

        SemanticVersion version() {
            return SemanticVersion.parse(major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre)).orElseThrow();
        }

        /** The lowest pre-release of this version, so that {@code <2.0.0-0} keeps out 2.0.0's pre-releases. */
        SemanticVersion lowestPre() {
            return SemanticVersion.parse(major + "." + minor + "." + patch + "-0").orElseThrow();
        }
    }
}
