package dev.progy.server.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.AiProviderException;
import dev.progy.error.ProgyException;
import dev.progy.guard.leak.LeakVerdict;
import dev.progy.guard.leak.LessonLeakGuard;
import dev.progy.server.jobs.Job;
import dev.progy.server.jobs.JobHandler;
import dev.progy.sync.ai.AiModelConfig;
import dev.progy.sync.ai.ModelChat;
import dev.progy.sync.hub.HubTutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job {@code tutor.lesson}: stage one asks the model for the misconception as JSON (read defensively, asked once
 * more when unreadable), stage two for the Markdown micro-lesson; the leak guard checks it against the exercise's
 * solution files and own names, a leaky lesson is rewritten once, and if still leaky the course's next hint stands
 * in for it. A provider's failure ends the lesson {@code failed} with what to do, and gives the day's lesson back.
 * Safe to run again: a lesson already done or failed is left as it is.
 */
final class TutorJob implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TutorJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEFINED = Pattern.compile(
            "\\b(?:def|fn|func|function)\\s+([A-Za-z_][A-Za-z0-9_]*)"
                    + "|\\b[A-Za-z_][A-Za-z0-9_<>\\[\\]]*\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\([^;{}()]*\\)\\s*(?:throws[^{]*)?\\{");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "return", "new", "else");

    private final Tutor tutor;

    TutorJob(Tutor tutor) {
        this.tutor = tutor;
    }

    @Override
    public void run(Job job) throws Exception {
        HubTutor store = tutor.store();
        Optional<HubTutor.Lesson> found = store.lesson(job.payload());
        if (found.isEmpty() || found.get().status().equals("done") || found.get().status().equals("failed")) {
            return;
        }
        HubTutor.Lesson l = found.get();
        String day = Instant.ofEpochMilli(l.createdMs()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        long started = System.nanoTime();
        long modelNanos = 0;
        long tokens = 0;
        try {
            LessonRequest r = LessonRequest.parse(JSON.readTree(l.request()));
            AiModelConfig config = tutor.models().modelFor(l.account(), tutor.quota().planOf(l.account()));
            ModelChat chat = ModelChat.open(config);
            store.setStatus(l.id(), "diagnosing");

            String prompt = LessonPrompts.diagnosis(r);
            long t = System.nanoTime();
            ModelChat.Answer first = chat.ask(LessonPrompts.DIAGNOSIS_SYSTEM, prompt);
            modelNanos += System.nanoTime() - t;
            tokens += first.tokens();
            Optional<JsonNode> diagnosis = LessonPrompts.diagnosisOf(first.text());
            if (diagnosis.isEmpty()) {
                t = System.nanoTime();
                ModelChat.Answer again = chat.ask(LessonPrompts.DIAGNOSIS_SYSTEM, prompt
                        + "\n\nYour previous answer was:\n" + first.text() + "\n\n" + LessonPrompts.DIAGNOSIS_AGAIN);
                modelNanos += System.nanoTime() - t;
                tokens += again.tokens();
                diagnosis = LessonPrompts.diagnosisOf(again.text());
            }
            store.setMisconception(l.id(), "writing", diagnosis.map(JsonNode::toString).orElse(null));

            t = System.nanoTime();
            ModelChat.Answer written = chat.ask(LessonPrompts.LESSON_SYSTEM, LessonPrompts.lesson(r, diagnosis));
            modelNanos += System.nanoTime() - t;
            tokens += written.tokens();
            String text = written.text().strip();
            String source = "model";
            LessonLeakGuard guard = guard(r);
            LeakVerdict verdict = check(guard, text);
            if (verdict.leaks()) {
                LOG.atInfo().addKeyValue("lesson", l.id()).addKeyValue("reason", verdict.reason().name())
                        .log("tutor lesson gave the solution away; asking for a rewrite");
                t = System.nanoTime();
                ModelChat.Answer rewritten = chat.ask(LessonPrompts.LESSON_SYSTEM,
                        LessonPrompts.REWRITE.formatted(verdict.explanation()) + "\n\n" + text);
                modelNanos += System.nanoTime() - t;
                tokens += rewritten.tokens();
                text = rewritten.text().strip();
                source = "rewritten";
                if (check(guard, text).leaks()) {
                    text = "";
                }
            }
            if (text.isBlank()) {
                text = r.hints().stream().filter(h -> !h.isBlank()).findFirst().orElse(LessonPrompts.NO_LESSON);
                source = "course-hint";
            }
            store.finish(l.id(), text, source, tokens);
        } catch (AiProviderException e) {
            store.fail(l.id(), said(e));
            tutor.quota().returnLesson(l.account(), day);
        } catch (Refused e) {
            store.fail(l.id(), e.getMessage() + " " + e.fix());
            tutor.quota().returnLesson(l.account(), day);
        } catch (ProgyException e) {
            store.fail(l.id(), e.getMessage() + (e.fixHint().isBlank() ? "" : " " + e.fixHint()));
            tutor.quota().returnLesson(l.account(), day);
        } finally {
            if (tokens > 0) {
                store.addTokens(l.account(), day, tokens);
            }
            tutor.overhead(System.nanoTime() - started - modelNanos);
        }
    }

    /** What happened at the provider, and what the student does about it. */
    static String said(AiProviderException e) {
        return switch (e.kind()) {
            case BAD_KEY -> "The AI provider refused the key. Set a new one with `progy ai key set` (or, if the "
                    + "server's key is used, tell the server's operator).";
            case QUOTA_EXHAUSTED -> "The AI provider says the account behind the key has no quota or credit left. "
                    + "Add credit at the provider, or set another key with `progy ai key set`.";
            case MODEL_UNKNOWN -> "The AI provider does not know the model asked for. Set the key again with a "
                    + "model it offers: `progy ai key set --model <model>`.";
            case UNREACHABLE, TIMEOUT -> "The AI provider could not be reached or did not answer in time. Ask again "
                    + "in a few minutes with `progy tutor`; the course's hints go on meanwhile.";
            case RATE_LIMITED -> "The AI provider is limiting requests just now. Ask again in a minute with "
                    + "`progy tutor`.";
            default -> "The AI provider could not give a lesson just now. Ask again later with `progy tutor`; "
                    + "the course's hints go on meanwhile.";
        };
    }

    private LessonLeakGuard guard(LessonRequest r) {
        Map<String, String> known = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (LessonRequest.File f : r.files()) {
            known.put(f.path(), f.content());
            Matcher m = DEFINED.matcher(f.content());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!KEYWORDS.contains(name) && !name.equals("main")) {
                    names.add(name);
                }
            }
        }
        Map<String, String> solution;
        try {
            solution = tutor.solutions().solution(r.course(), r.version(), r.exercise());
        } catch (RuntimeException e) {
            // the registry's blobs unreadable: the lesson is still checked against the exercise's own names
            LOG.atWarn().setCause(e).log("could not read the solution files of a course for the tutor's leak guard");
            solution = Map.of();
        }
        return LessonLeakGuard.forExercise(solution, known, names);
    }

    /** The guard's verdict; a lesson the guard cannot read is not shown (as a leak). */
    private static LeakVerdict check(LessonLeakGuard guard, String lesson) {
        try {
            return guard.check(lesson);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("the leak guard could not check a tutor lesson");
            return new LeakVerdict(true, LeakVerdict.Reason.NONE, "the guard could not check it", 0, 0);
        }
    }
}
