package dev.progy.guard.leak;

import dev.progy.guard.leak.CodeTokens.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k-gram fingerprints as MOSS takes them (Schleimer, Wilkerson, Aiken: "Winnowing", 2003): hash every run of
 * {@link LessonLeakGuard#K} tokens, then keep the smallest hash of each window of {@link LessonLeakGuard#W}
 * hashes. Names are renamed inside each k-gram by order of first use, so {@code total += i} and {@code sum += n}
 * hash alike while {@code a = a + b} and {@code a = b + c} do not.
 */
final class Fingerprints {

    private Fingerprints() { }

    /** Every k-gram's hash. */
    static Set<Long> allGrams(List<Token> tokens) {
        return new HashSet<>(hashes(tokens));
    }

    /** The winnowed fingerprints: the rightmost smallest hash of each window. */
    static Set<Long> winnow(List<Token> tokens) {
        List<Long> h = hashes(tokens);
        Set<Long> chosen = new HashSet<>();
        if (h.size() <= LessonLeakGuard.W) {
            chosen.addAll(h);
            return chosen;
        }
        for (int start = 0; start + LessonLeakGuard.W <= h.size(); start++) {
            int min = start;
            for (int i = start; i < start + LessonLeakGuard.W; i++) {
                if (h.get(i) <= h.get(min)) {
                    min = i;
                }
            }
            chosen.add(h.get(min));
        }
        return chosen;
    }

    /** The tokens with every name as {@code V}, for runs that survive renaming. */
    static List<String> normalised(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(t.identifier() ? "V" : t.text());
        }
        return out;
    }

    private static List<Long> hashes(List<Token> tokens) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i + LessonLeakGuard.K <= tokens.size(); i++) {
            Map<String, Integer> names = new HashMap<>();
            StringBuilder gram = new StringBuilder();
            for (int j = i; j < i + LessonLeakGuard.K; j++) {
                Token t = tokens.get(j);
                gram.append(t.identifier() ? "\u0001" + names.computeIfAbsent(t.text(), n -> names.size()) : t.text())
                        .append('\u0000');
            }
            out.add(fnv(gram.toString()));
        }
        return out;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
