package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;

import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.spi.AiProvider;
import dev.progy.spi.ReviewNote;
import dev.progy.spi.ReviewRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional AI review (PG-A001): the texts students read — the course's and each exercise's README, the setup
 * guide, the hints — go to an {@link AiProvider}, and each piece of advice it returns becomes a note. Only those
 * texts are sent, never scripts or configuration, each with what looks like a secret redacted first; the advice
 * is never more than a note, so a model can neither pass nor fail a course.
 */
final class AiReview {

    /** A model's context is finite and the texts that matter are short; longer ones are cut. */
    static final int MAX_DOCUMENT_CHARS = 20_000;
    static final int MAX_TOTAL_CHARS = 200_000;

    private AiReview() { }

    static List<Finding> review(Course course, AiProvider provider) {
        ReviewRequest request = request(course);
        List<ReviewNote> notes;
        try {
            notes = provider.review(request);
        } catch (RuntimeException e) {
            // advice is optional: a provider that fails costs the author the advice, never the verdict
            return List.of(new Finding(GuardRules.AI_ADVICE, ".", 0, "the AI review could not run: " + e.getMessage(),
                    "check the AI provider's settings; the other checks are complete without it"));
        }
        Map<String, ReviewRequest.Document> sent = new LinkedHashMap<>();
        request.documents().forEach(d -> sent.put(d.file(), d));
        List<Finding> out = new ArrayList<>();
        for (ReviewNote n : notes) {
            boolean known = sent.containsKey(n.file());
            String advice = n.advice().strip();
            out.add(new Finding(GuardRules.AI_ADVICE, known ? n.file() : ".", known ? Math.max(0, n.line()) : 0,
                    advice.length() > 500 ? advice.substring(0, 500) + "…" : advice, ""));
        }
        return out;
    }

    /** The texts students read, redacted and capped, in course order. */
    static ReviewRequest request(Course course) {
        Path root = course.root();
        List<ReviewRequest.Document> docs = new ArrayList<>();
        int[] budget = {MAX_TOTAL_CHARS};
        add(root, root.resolve("README.md"), docs, budget);
        course.setup().guide().ifPresent(g -> add(root, root.resolve(g), docs, budget));
        for (Exercise e : course.exercises()) {
            Path dir = course.exercisesDir().resolve(e.relativeDir());
            add(root, dir.resolve("README.md"), docs, budget);
            if (!e.hints().isEmpty() && budget[0] > 0) {
                StringBuilder hints = new StringBuilder("Hints of " + e.id() + ", revealed one at a time:\n");
                for (int i = 0; i < e.hints().size(); i++) {
                    hints.append(i + 1).append(". ").append(e.hints().get(i)).append('\n');
                }
                String file = relative(root, course.exercisesDir().resolve(e.moduleDir()).resolve("info.toml"));
                docs.add(new ReviewRequest.Document(file + "#" + e.dirName(), take(redact(hints.toString()), budget)));
            }
        }
        return new ReviewRequest(course.name(), docs);
    }

    private static void add(Path root, Path file, List<ReviewRequest.Document> docs, int[] budget) {
        if (budget[0] <= 0 || !Files.isRegularFile(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_DOCUMENT_CHARS * 4), StandardCharsets.UTF_8);
            if (text.length() > MAX_DOCUMENT_CHARS) {
                text = text.substring(0, MAX_DOCUMENT_CHARS);
            }
            docs.add(new ReviewRequest.Document(relative(root, file), take(redact(text), budget)));
        } catch (IOException e) {
            // unreadable: the structure checks report it
        }
    }

    private static String take(String text, int[] budget) {
        String kept = text.length() > budget[0] ? text.substring(0, budget[0]) : text;
        budget[0] -= kept.length();
        return kept;
    }

    /** {@code text} with every credential-shaped value replaced by {@code [redacted]}. */
    static String redact(String text) {
        return SecretRedaction.redact(text);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
