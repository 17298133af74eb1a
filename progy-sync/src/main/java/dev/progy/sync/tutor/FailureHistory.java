package dev.progy.sync.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.IsoInstants;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per exercise, the last {@value #KEPT} runs of a workspace: which tests failed, the diagnostics, the output's tail and
 * a snapshot of the exercise's own files, so that the tutor can be told what the student tried and how their code
 * changed between attempts. Kept in {@code .progy/tutor/history/<exercise>.json}, each file replaced atomically; a
 * damaged file is started afresh rather than costing the student a run.
 */
public final class FailureHistory {

    /** Attempts kept per exercise. */
    public static final int KEPT = 10;
    /** The output's tail kept per attempt, in characters. */
    public static final int OUTPUT_TAIL = 8 * 1024;
    /** What stands for the failing test when a run failed without naming one (it did not build, or crashed). */
    public static final String NO_TEST = "(the exercise did not build or run)";

    /** A compiler or runner finding, as the tutor is told it: {@code line} 0 when not known. */
    public record Finding(String file, int line, String message) { }

    /**
     * One run: when, whether it passed, the names of the tests that failed ({@link #NO_TEST} when none was named),
     * the findings, the output's tail and the exercise's own files as they were, path to content.
     */
    public record Attempt(Instant at, boolean passed, List<String> failing, List<Finding> findings, String output,
                          Map<String, String> files) {
        public Attempt {
            failing = List.copyOf(failing);
            findings = List.copyOf(findings);
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }

        /** The attempt a run made, with the files it ran. */
        public static Attempt of(RunResult r, Map<String, String> files, Instant at) {
            List<String> failing = new ArrayList<>();
            if (!r.passed()) {
                for (TestOutcome t : r.tests()) {
                    if (t.status() != RunResult.Status.PASS && !t.name().isBlank()) {
                        failing.add(t.name());
                    }
                }
                if (failing.isEmpty()) {
                    failing.add(NO_TEST);
                }
            }
            List<Finding> findings = r.diagnostics().stream()
                    .map(d -> new Finding(d.file(), d.line().orElse(0), d.message())).limit(50).toList();
            String out = r.output() == null ? "" : r.output();
            if (out.length() > OUTPUT_TAIL) {
                out = out.substring(out.length() - OUTPUT_TAIL);
            }
            return new Attempt(at, r.passed(), failing, findings, out, files);
        }
    }

    /** A test that failed {@code times} runs in a row, up to the newest. */
    public record Streak(String test, int times) { }

    private final Path dir;

    private FailureHistory(Path dir) {
        this.dir = dir;
    }

    /** The history kept in the workspace state folder {@code stateDir} ({@code .progy}). */
    public static FailureHistory in(Path stateDir) {
        return new FailureHistory(stateDir.resolve("tutor").resolve("history"));
    }

    /**
     * Adds {@code attempt} to the exercise's history, dropping the oldest beyond {@value #KEPT}; returns the history
     * with it, oldest first. The file is replaced atomically but not forced to disk: it is a help to the tutor, and a
     * run should not wait for the disk for it (a power cut may lose the newest attempts, never tear the file).
     */
    public List<Attempt> record(String exercise, Attempt attempt) {
        List<Attempt> all = new ArrayList<>(attempts(exercise));
        all.add(attempt);
        while (all.size() > KEPT) {
            all.remove(0);
        }
        ObjectNode root = JsonTrees.object();
        root.put("exercise", exercise);
        ArrayNode list = root.putArray("attempts");
        for (Attempt a : all) {
            ObjectNode n = list.addObject();
            n.put("at", IsoInstants.format(a.at()));
            n.put("passed", a.passed());
            ArrayNode f = n.putArray("failing");
            a.failing().forEach(f::add);
            ArrayNode d = n.putArray("findings");
            for (Finding x : a.findings()) {
                d.addObject().put("file", x.file()).put("line", x.line()).put("message", x.message());
            }
            n.put("output", a.output());
            ObjectNode files = n.putObject("files");
            a.files().forEach(files::put);
        }
        try {
            AtomicFiles.write(file(exercise), JsonTrees.print(root), AtomicFiles.Durability.CACHE);
        } catch (IOException e) {
            throw new ProgyException("Could not keep the history of " + exercise + " in " + dir + ".",
                    "Check that the workspace's .progy folder is writable and the disk is not full.", e);
        }
        return List.copyOf(all);
    }

    /** The exercise's attempts, oldest first. */
    public List<Attempt> attempts(String exercise) {
        String text;
        try {
            text = Files.readString(file(exercise), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JsonTrees.parse(text);
        } catch (RuntimeException e) {
            return List.of(); // damaged: the next run starts it again
        }
        List<Attempt> all = new ArrayList<>();
        for (JsonNode n : root.path("attempts")) {
            try {
                List<String> failing = new ArrayList<>();
                n.path("failing").forEach(x -> failing.add(x.asText()));
                List<Finding> findings = new ArrayList<>();
                n.path("findings").forEach(x -> findings.add(new Finding(x.path("file").asText(""),
                        x.path("line").asInt(0), x.path("message").asText(""))));
                Map<String, String> files = new LinkedHashMap<>();
                n.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
                all.add(new Attempt(IsoInstants.parse(n.path("at").asText()), n.path("passed").asBoolean(),
                        failing, findings, n.path("output").asText(""), files));
            } catch (RuntimeException e) {
                // one unreadable attempt is skipped
            }
        }
        return all;
    }

    /**
     * The failing test of the newest run that has failed the most runs in a row up to it; empty when the newest run
     * passed or there is none.
     */
    public Optional<Streak> streak(String exercise) {
        return streak(attempts(exercise));
    }

    /** {@link #streak(String)} of attempts given oldest first. */
    public static Optional<Streak> streak(List<Attempt> attempts) {
        if (attempts.isEmpty() || attempts.get(attempts.size() - 1).passed()) {
            return Optional.empty();
        }
        Streak best = null;
        for (String test : attempts.get(attempts.size() - 1).failing()) {
            int times = 0;
            for (int i = attempts.size() - 1; i >= 0 && attempts.get(i).failing().contains(test); i--) {
                times++;
            }
            if (best == null || times > best.times()) {
                best = new Streak(test, times);
            }
        }
        return Optional.ofNullable(best);
    }

    private Path file(String exercise) {
        return dir.resolve(FileNames.of(exercise) + ".json");
    }
}
