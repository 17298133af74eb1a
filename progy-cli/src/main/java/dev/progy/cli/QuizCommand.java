package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.ProgyException;
import dev.progy.ProgyJson;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.QuestionFeedback;
import dev.progy.model.Quiz;
import dev.progy.model.QuizGrade;
import dev.progy.model.QuizQuestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "quiz", description = {"Take an exercise's quiz: asked one question at a time, graded, recorded.",
        "A quiz passes at 70 %. For scripts: --answers answers.json ({\"<question id>\": answer, ...})."})
final class QuizCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<exercise>", description = "Exercise id, folder name or title.")
    String exercise;

    @Option(names = "--answers", paramLabel = "<file.json>", description = "Answers from a JSON file instead of asking.")
    Path answersFile;

    QuizCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ctx.progy().exercise(ws, exercise);
        Quiz quiz = ex.quiz().orElseThrow(() -> new ProgyException(ex.id() + " has no quiz",
                "`progy list --json` shows which exercises have one (hasQuiz)"));
        Style s = ctx.style(common.noColor);
        Map<String, Object> answers = answersFile != null ? fromFile(ctx.path(answersFile.toString())) : ask(quiz, s);
        QuizGrade grade = ctx.progy().gradeQuiz(ws, ex, answers);
        if (common.json) {
            var n = ProgyJson.object();
            n.put("exercise", ex.id());
            n.put("score", grade.score());
            n.put("correct", grade.correct());
            n.put("total", grade.total());
            n.put("passed", grade.passed());
            var fb = n.putArray("feedback");
            for (QuestionFeedback f : grade.feedback()) {
                var fn = fb.addObject();
                fn.put("question", f.questionId());
                fn.put("correct", f.correct());
                fn.put("message", f.message());
                fn.put("explanation", f.explanation());
            }
            ctx.out.println(ProgyJson.print(n));
        } else {
            ctx.out.println();
            for (QuestionFeedback f : grade.feedback()) {
                ctx.out.println((f.correct() ? s.green("✓ ") : s.red("✗ ")) + f.questionId()
                        + (f.message().isBlank() ? "" : " — " + f.message()));
                if (!f.explanation().isBlank()) {
                    ctx.out.println("    " + s.dim(f.explanation()));
                }
            }
            String verdict = grade.correct() + " of " + grade.total() + " right, " + grade.score() + " %";
            ctx.out.println(grade.passed() ? s.green("✓ passed: " + verdict) : s.red("✗ not passed: " + verdict + " (70 % needed)"));
        }
        return grade.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static Map<String, Object> fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ProgyException("no answers file at " + file, "give a JSON object of question id → answer");
        }
        JsonNode n = ProgyJson.parse(Files.readString(file));
        if (!n.isObject()) {
            throw new ProgyException(file + " must hold a JSON object of question id → answer", "");
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> answers.put(e.getKey(), plain(e.getValue())));
        return answers;
    }

    private static Object plain(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return items;
        }
        if (v.isObject()) {
            Map<String, String> pairs = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> pairs.put(e.getKey(), e.getValue().asText()));
            return pairs;
        }
        return v.asText();
    }

    private Map<String, Object> ask(Quiz quiz, Style s) throws IOException {
        ctx.out.println(s.bold(quiz.title()));
        if (!quiz.description().isBlank()) {
            ctx.out.println(quiz.description());
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        int i = 0;
        for (QuizQuestion q : quiz.questions()) {
            ctx.out.println();
            ctx.out.println(s.bold(++i + "/" + quiz.questions().size() + ". ") + q.question());
            Object answer = switch (q.type()) {
                case MULTIPLE_CHOICE -> choose(q);
                case TRUE_FALSE -> trueFalse();
                case SHORT_ANSWER, FILL_IN_THE_BLANK -> prompt("answer> ");
                case MATCHING -> match(q);
                case CODING -> {
                    if (!q.startingCode().isBlank()) {
                        ctx.out.println(s.dim(q.startingCode()));
                    }
                    yield lines("Type your " + q.language() + " code; end with a line holding only a dot (.)");
                }
                case ESSAY -> lines("Write your answer" + (q.minWords() > 0 ? " (at least " + q.minWords() + " words)" : "")
                        + "; end with a line holding only a dot (.)");
            };
            if (answer != null) {
                answers.put(q.id(), answer);
            }
        }
        return answers;
    }

    private Object choose(QuizQuestion q) throws IOException {
        for (int k = 0; k < q.options().size(); k++) {
            ctx.out.println("  " + (char) ('a' + k) + ") " + q.options().get(k).text());
        }
        while (true) {
            String a = prompt("choice> ");
            if (a == null) {
                return null;
            }
            String t = a.trim().toLowerCase(Locale.ROOT);
            if (t.length() == 1 && t.charAt(0) >= 'a' && t.charAt(0) < 'a' + q.options().size()) {
                return q.options().get(t.charAt(0) - 'a').id();
            }
            for (QuizQuestion.Option o : q.options()) {
                if (o.id().equalsIgnoreCase(t)) {
                    return o.id();
                }
            }
            ctx.out.println("  type a letter from a to " + (char) ('a' + q.options().size() - 1));
        }
    }

    private Object trueFalse() throws IOException {
        while (true) {
            String a = prompt("true/false> ");
            if (a == null) {
                return null;
            }
            switch (a.trim().toLowerCase(Locale.ROOT)) {
                case "t", "true", "y", "yes" -> {
                    return Boolean.TRUE;
                }
                case "f", "false", "n", "no" -> {
                    return Boolean.FALSE;
                }
                default -> ctx.out.println("  type true or false");
            }
        }
    }

    private Object match(QuizQuestion q) throws IOException {
        List<String> rights = q.pairs().stream().map(QuizQuestion.Pair::right).sorted().toList();
        for (int k = 0; k < rights.size(); k++) {
            ctx.out.println("  " + (k + 1) + ") " + rights.get(k));
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (QuizQuestion.Pair p : q.pairs()) {
            String a = prompt("  " + p.left() + " → number> ");
            if (a == null) {
                break;
            }
            try {
                int k = Integer.parseInt(a.trim()) - 1;
                chosen.put(p.left(), k >= 0 && k < rights.size() ? rights.get(k) : "");
            } catch (NumberFormatException e) {
                chosen.put(p.left(), a.trim());
            }
        }
        return chosen;
    }

    private String lines(String instruction) throws IOException {
        ctx.out.println(instruction);
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = ctx.in.readLine()) != null && !line.equals(".")) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private String prompt(String text) throws IOException {
        ctx.out.print(text);
        ctx.out.flush();
        return ctx.in.readLine();
    }
}
