package dev.progy.guard.leak;

import dev.progy.guard.leak.CodeTokens.Dialect;
import dev.progy.guard.leak.CodeTokens.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The code-leak guard of the tutor: decides whether a lesson (Markdown) gives away an exercise's solution. Only the
 * part of the solution the student has to write counts — what the solution adds to the code the student already has
 * (the starter, their own attempt) — and the lesson's code (fenced, inline, or written into the prose) is compared
 * with it four ways:
 * <ul>
 *   <li>the exercise's own functions written out in full in the lesson;</li>
 *   <li>the solution's distinctive lines, repeated as they are;</li>
 *   <li>k-gram fingerprints chosen by winnowing, as MOSS does, with names renamed consistently inside each k-gram,
 *       so renaming variables or reformatting does not hide a copy;</li>
 *   <li>the longest run of tokens the lesson shares with the solution, names aside.</li>
 * </ul>
 * Pure and deterministic: no I/O, no model. Make one per exercise with {@link #forExercise} and ask
 * {@link #check(String)} for each lesson.
 */
public final class LessonLeakGuard {

    /** Tokens per k-gram. */
    static final int K = 5;
    /** Winnowing window: every shared run of at least {@code W + K - 1} tokens is seen. */
    static final int W = 4;
    /** A part of the solution is given away when the lesson holds this share of its fingerprints... */
    static final double PART_CONTAINMENT = 0.7;
    /** ...and the part has at least this many fingerprints (smaller parts are judged by lines and runs). */
    static final int PART_MIN_FINGERPRINTS = 3;
    /** Fewer fingerprints found than this are too little to tell a copy from a shared idiom, whatever their share. */
    static final int MIN_FOUND = 3;
    /** The whole solution is given away when the lesson holds this share of all its fingerprints. */
    static final double TOTAL_CONTAINMENT = 0.5;
    /** A shared run covering this share of a part gives it away... */
    static final double RUN_SHARE = 0.8;
    /** ...when it is at least this many tokens long. */
    static final int RUN_MIN = 7;
    /** A shared run this long gives the solution away whatever its share. */
    static final int RUN_LONG = 30;
    /** The same for a run of expressions and values, syntax aside (a solution told in prose)... */
    static final double CONTENT_RUN_SHARE = 0.7;
    /** ...at least this many of them. */
    static final int CONTENT_RUN_MIN = 8;
    /** Distinctive lines: at least this many characters of tokens (shorter ones are too common to tell). */
    static final int LINE_MIN_CHARS = 12;
    /** A part is given away when its distinctive lines, found as they are, make up this share of it. */
    static final double LINE_SHARE = 0.6;
    /**
     * An own function written in the lesson with a body of at least this many tokens (or as many as the solution's
     * own body, when shorter), not the student's own.
     */
    static final int BODY_MIN_TOKENS = 6;

    private final Dialect dialect;
    private final List<Part> parts;
    private final Set<Long> knownGrams;
    private final Set<String> ownNames;
    private final Set<String> knownBodies;
    private final Map<String, Integer> solutionBodySizes;
    /** The code the student has, syntax aside, as one line: a part already in it is not told by telling it. */
    private final String knownContent;

    private LessonLeakGuard(Dialect dialect, List<Part> parts, Set<Long> knownGrams, Set<String> ownNames,
                            Set<String> knownBodies, Map<String, Integer> solutionBodySizes, String knownContent) {
        this.dialect = dialect;
        this.parts = parts;
        this.knownGrams = knownGrams;
        this.ownNames = ownNames;
        this.knownBodies = knownBodies;
        this.solutionBodySizes = solutionBodySizes;
        this.knownContent = knownContent;
    }

    /**
     * A guard for one exercise.
     *
     * @param solution  the exercise's solution files, name to content (the name tells the language, e.g. {@code Main.java})
     * @param known     code the student already has and may be shown: the starter files, their own attempt; name to
     *                  content (may be empty)
     * @param ownNames  the exercise's own identifiers — the functions the student writes, e.g. {@code fizzBuzz};
     *                  functions the solution defines and the starter also declares are added to them
     */
    public static LessonLeakGuard forExercise(Map<String, String> solution, Map<String, String> known,
                                              Set<String> ownNames) {
        Dialect dialect = solution.keySet().stream().map(Dialect::of).findFirst().orElse(Dialect.OTHER);
        Map<String, Integer> knownLines = new HashMap<>();
        Set<Long> knownGrams = new HashSet<>();
        Set<String> knownBodies = new HashSet<>();
        Set<String> knownDefined = new HashSet<>();
        StringBuilder knownContent = new StringBuilder(" ");
        for (Map.Entry<String, String> k : known.entrySet()) {
            Dialect d = Dialect.of(k.getKey());
            List<Token> tokens = CodeTokens.of(k.getValue(), d);
            knownContent.append(String.join(" ", content(Fingerprints.normalised(tokens)))).append(" | ");
            lines(tokens).forEach(l -> knownLines.merge(l, 1, Integer::sum));
            knownGrams.addAll(Fingerprints.allGrams(tokens));
            for (Definitions.Definition def : Definitions.find(k.getValue(), d, null)) {
                knownDefined.add(def.name());
                knownBodies.add(def.name() + "\u0000" + Definitions.text(def.body()));
            }
        }
        Set<String> names = new LinkedHashSet<>(ownNames);
        List<Part> parts = new ArrayList<>();
        Map<String, Integer> bodySizes = new HashMap<>();
        for (Map.Entry<String, String> s : solution.entrySet()) {
            Dialect d = Dialect.of(s.getKey());
            List<Token> tokens = CodeTokens.of(s.getValue(), d);
            parts.addAll(Part.secretParts(tokens, knownLines, knownGrams));
            for (Definitions.Definition def : Definitions.find(s.getValue(), d, null)) {
                if (knownDefined.contains(def.name())) {
                    names.add(def.name());
                }
                bodySizes.merge(def.name(), def.body().size(), Math::max);
            }
        }
        return new LessonLeakGuard(dialect, List.copyOf(parts), knownGrams, Set.copyOf(names), knownBodies,
                Map.copyOf(bodySizes), knownContent.toString());
    }

    /** Whether {@code lessonMarkdown} gives the solution away. */
    public LeakVerdict check(String lessonMarkdown) {
        List<LessonCode.Piece> pieces = LessonCode.of(lessonMarkdown, dialect);
        List<List<Token>> lessonTokens = new ArrayList<>();
        Set<Long> lessonGrams = new HashSet<>();
        List<String> lessonTexts = new ArrayList<>();
        for (LessonCode.Piece p : pieces) {
            List<Token> tokens = CodeTokens.of(p.code(), p.dialect());
            lessonTokens.add(tokens);
            lessonGrams.addAll(Fingerprints.allGrams(tokens));
            lessonTexts.add(" " + Definitions.text(tokens) + " ");
        }

        Optional<String> own = ownFunction(pieces);
        if (own.isPresent()) {
            return verdict(LeakVerdict.Reason.OWN_FUNCTION, own.get(), lessonGrams, lessonTokens);
        }
        for (Part part : parts) {
            int total = part.tokens().size();
            int matched = 0;
            String example = "";
            for (List<Token> line : part.distinctiveLines()) {
                String text = " " + Definitions.text(line) + " ";
                if (lessonTexts.stream().anyMatch(t -> t.contains(text))) {
                    matched += line.size();
                    example = example.isEmpty() ? text.strip() : example;
                }
            }
            if (total > 0 && matched >= LINE_SHARE * total) {
                return verdict(LeakVerdict.Reason.DISTINCTIVE_LINES,
                        "the lesson repeats the solution's own lines, e.g. `" + example + "`", lessonGrams, lessonTokens);
            }
        }
        int allFingerprints = 0;
        int allFound = 0;
        for (Part part : parts) {
            int found = (int) part.fingerprints().stream().filter(lessonGrams::contains).count();
            allFingerprints += part.fingerprints().size();
            allFound += found;
            if (part.fingerprints().size() >= PART_MIN_FINGERPRINTS && found >= MIN_FOUND
                    && found >= PART_CONTAINMENT * part.fingerprints().size()) {
                return verdict(LeakVerdict.Reason.FINGERPRINTS, "the lesson's code matches " + percent(found,
                        part.fingerprints().size()) + " of the fingerprints of the solution's lines "
                        + part.firstLine() + "–" + part.lastLine() + ", names changed or not", lessonGrams, lessonTokens);
            }
        }
        if (allFingerprints >= PART_MIN_FINGERPRINTS && allFound >= MIN_FOUND
                && allFound >= TOTAL_CONTAINMENT * allFingerprints) {
            return verdict(LeakVerdict.Reason.FINGERPRINTS, "the lesson's code matches " + percent(allFound,
                    allFingerprints) + " of the solution's fingerprints", lessonGrams, lessonTokens);
        }
        for (Part part : parts) {
            int run = longestRun(part, lessonTokens);
            int size = part.tokens().size();
            if (run >= RUN_LONG || run >= RUN_MIN && run >= RUN_SHARE * size) {
                return verdict(LeakVerdict.Reason.LONG_RUN, "the lesson's code repeats " + run + " tokens in a row of "
                        + "the solution's lines " + part.firstLine() + "–" + part.lastLine() + ", names aside",
                        lessonGrams, lessonTokens);
            }
            // the same, syntax aside: a solution told in prose keeps its expressions and values but loses its
            // brackets, braces and if/else/return, which the lesson says in words between inline code spans
            List<String> content = content(Fingerprints.normalised(part.tokens()));
            int contentRun = 0;
            for (List<Token> piece : lessonTokens) {
                contentRun = Math.max(contentRun, run(content, content(Fingerprints.normalised(piece))));
            }
            if (contentRun >= CONTENT_RUN_MIN && contentRun >= CONTENT_RUN_SHARE * content.size()
                    && !knownContent.contains(" " + String.join(" ", content) + " ")) {
                return verdict(LeakVerdict.Reason.LONG_RUN, "the lesson spells out the solution's lines "
                        + part.firstLine() + "–" + part.lastLine() + ": " + contentRun + " of its "
                        + content.size() + " expressions and values in a row", lessonGrams, lessonTokens);
            }
        }
        return verdict(LeakVerdict.Reason.NONE, "nothing in the lesson's code is close to the solution", lessonGrams,
                lessonTokens);
    }

    private LeakVerdict verdict(LeakVerdict.Reason reason, String explanation, Set<Long> lessonGrams,
                                List<List<Token>> lessonTokens) {
        double containment = 0;
        int run = 0;
        for (Part part : parts) {
            if (!part.fingerprints().isEmpty()) {
                long found = part.fingerprints().stream().filter(lessonGrams::contains).count();
                containment = Math.max(containment, (double) found / part.fingerprints().size());
            }
            run = Math.max(run, longestRun(part, lessonTokens));
        }
        return new LeakVerdict(reason != LeakVerdict.Reason.NONE, reason, explanation, containment, run);
    }

    /** An exercise's own function defined in the lesson with a real body that is not the student's own. */
    private Optional<String> ownFunction(List<LessonCode.Piece> pieces) {
        for (LessonCode.Piece p : pieces) {
            for (Definitions.Definition def : Definitions.find(p.code(), p.dialect(), ownNames)) {
                List<Token> body = def.body();
                boolean placeholder = body.stream().allMatch(t -> t.text().equals("pass") || t.text().equals("...")
                        || t.text().equals(".") || t.text().equals("todo") || t.text().equals("!")
                        || t.text().equals("(") || t.text().equals(")") || t.text().equals(";")
                        || t.text().equals("unimplemented") || t.text().equals("todo!"));
                // a body as long as the solution's own, when that is shorter than the usual minimum (a one-liner)
                int minimum = Math.min(BODY_MIN_TOKENS, solutionBodySizes.getOrDefault(def.name(), BODY_MIN_TOKENS));
                if (body.size() >= minimum && !placeholder
                        && !knownBodies.contains(def.name() + "\u0000" + Definitions.text(body))) {
                    return Optional.of("the lesson writes the exercise's own function `" + def.name() + "` in full");
                }
            }
        }
        return Optional.empty();
    }

    private static int longestRun(Part part, List<List<Token>> lessonTokens) {
        List<String> secret = Fingerprints.normalised(part.tokens());
        int best = 0;
        for (List<Token> piece : lessonTokens) {
            best = Math.max(best, run(secret, Fingerprints.normalised(piece)));
        }
        return best;
    }

    /** The longest common run of two token sequences. */
    private static int run(List<String> secret, List<String> lesson) {
        int best = 0;
        int[] prev = new int[secret.size() + 1];
        for (String l : lesson) {
            int[] cur = new int[secret.size() + 1];
            for (int j = 0; j < secret.size(); j++) {
                if (l.equals(secret.get(j))) {
                    cur[j + 1] = prev[j] + 1;
                    best = Math.max(best, cur[j + 1]);
                }
            }
            prev = cur;
        }
        return best;
    }

    /** Tokens that carry meaning when code is told in words: not brackets, separators or control-flow keywords. */
    private static List<String> content(List<String> tokens) {
        return tokens.stream().filter(t -> !SYNTAX.contains(t)).toList();
    }

    private static final Set<String> SYNTAX = Set.of("(", ")", "{", "}", "[", "]", ";", ":", ",", "if", "else",
            "elif", "return", "then", "do", "end", "for", "in", "while");

    private static String percent(int part, int whole) {
        return Math.round(100.0 * part / whole) + " %";
    }

    /** The token text of each line, for telling the solution's own lines from the starter's. */
    static List<String> lines(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (List<Token> line : byLine(tokens)) {
            out.add(Definitions.text(line));
        }
        return out;
    }

    static List<List<Token>> byLine(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (Token t : tokens) {
            if (t.line() != current) {
                out.add(new ArrayList<>());
                current = t.line();
            }
            out.get(out.size() - 1).add(t);
        }
        return out;
    }
}
