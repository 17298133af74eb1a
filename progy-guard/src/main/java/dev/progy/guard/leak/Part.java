package dev.progy.guard.leak;

import dev.progy.guard.leak.CodeTokens.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One part of the solution the student has to write: consecutive lines the code they already have does not hold.
 *
 * @param tokens           its tokens
 * @param fingerprints     its winnowed fingerprints, less those of the code the student has
 * @param distinctiveLines its lines long enough to tell apart
 * @param firstLine        its first line in the solution file
 * @param lastLine         its last line
 */
record Part(List<Token> tokens, Set<Long> fingerprints, List<List<Token>> distinctiveLines, int firstLine,
            int lastLine) {

    static List<Part> secretParts(List<Token> solution, Map<String, Integer> knownLines, Set<Long> knownGrams) {
        Map<String, Integer> left = new HashMap<>(knownLines);
        List<Part> parts = new ArrayList<>();
        List<List<Token>> current = new ArrayList<>();
        for (List<Token> line : LessonLeakGuard.byLine(solution)) {
            String text = Definitions.text(line);
            Integer count = left.get(text);
            if (imports(line)) {
                continue;
            }
            if (count != null && count > 0) {
                left.put(text, count - 1);
                close(current, parts, knownGrams);
            } else {
                current.add(line);
            }
        }
        close(current, parts, knownGrams);
        return parts;
    }

    /** Imports and package lines name libraries; they are never what a student has to find out. */
    private static boolean imports(List<Token> line) {
        String first = line.get(0).text();
        return first.equals("import") || first.equals("package") || first.equals("use")
                || first.equals("from") && line.stream().anyMatch(t -> t.text().equals("import"));
    }

    private static void close(List<List<Token>> lines, List<Part> parts, Set<Long> knownGrams) {
        if (lines.isEmpty()) {
            return;
        }
        List<Token> tokens = new ArrayList<>();
        List<List<Token>> distinctive = new ArrayList<>();
        for (List<Token> line : lines) {
            tokens.addAll(line);
            int chars = line.stream().mapToInt(t -> t.text().length()).sum();
            if (chars >= LessonLeakGuard.LINE_MIN_CHARS) {
                distinctive.add(List.copyOf(line));
            }
        }
        boolean onlyBraces = tokens.stream().allMatch(t -> t.text().equals("}") || t.text().equals("{")
                || t.text().equals(")") || t.text().equals(";"));
        if (!onlyBraces) {
            Set<Long> prints = new HashSet<>(Fingerprints.winnow(tokens));
            prints.removeAll(knownGrams);
            parts.add(new Part(List.copyOf(tokens), Set.copyOf(prints), List.copyOf(distinctive),
                    tokens.get(0).line(), tokens.get(tokens.size() - 1).line()));
        }
        lines.clear();
    }
}
