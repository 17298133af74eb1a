package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.error.ProgyException;
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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "quiz", description = {"Take an exercise's quiz: asked one question at a time, graded, recorded.",
        "A quiz passes at 70 %%. For scripts: --answers answers.json ({\"<question id>\": answer, ...})."})
final class QuizCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<exercise>", description = ExerciseChoice.HELP)
    String exercise;

    @Mixin
    EngineOption engine;

    @Option(names = "--answers", paramLabel = "<file.json>", description = "Answers from a JSON file instead of asking.")
    Path answersFile;

    /** Where questions and prompts go: stdout, or stderr with --json so that stdout holds only the JSON result. */
    private PrintWriter talk;

    QuizCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        engine.applyTo(ctx); // a coding answer in a language missing here runs in the course's container
        Workspace ws = ctx.workspace(common.dir);
        Exercise ex = ExerciseChoice.named(ctx, ws, exercise);
        Quiz quiz = ex.quiz().orElseThrow(() -> new ProgyException(ex.id() + " has no quiz",
                "`progy list` marks the exercises that have one with + quiz"));
        Style s = ctx.style(common.noColor);
        talk = common.json ? ctx.err : ctx.out;
        Map<String, Object> answers = answersFile != null ? fromFile(ctx.path(answersFile.toString())) : ask(quiz, s);
        QuizGrade grade = ctx.progy().gradeQuiz(ws, ex, answers);
        Telemetry.afterQuiz(ctx, ws, ex, grade.score());
        if (common.json) {
            var n = CliJson.object();
            n.put("exercise", ex.id());
            n.put("score", grade.score());
            n.put("correct", grade.correct());
            n.put("total", grade.total());
            n.put("notChecked", grade.notChecked());
            n.put("passed", grade.passed());
            var fb = n.putArray("feedback");
            for (int i = 0; i < grade.feedback().size(); i++) {
                QuestionFeedback f = grade.feedback().get(i);
                QuizQuestion q = quiz.questions().get(i);
                var fn = fb.addObject();
                fn.put("question", f.questionId());
                fn.put("text", q.question());
                fn.put("answer", QuizAnswers.given(q, answers.get(q.id())));
                fn.put("checked", f.checked());
                fn.put("correct", f.correct());
                if (f.checked() && !f.correct()) {
                    fn.put("rightAnswer", QuizAnswers.right(q));
                }
                fn.put("message", f.message());
                fn.put("explanation", f.explanation());
            }
            ctx.out.println(CliJson.print(n));
        } else {
            ctx.out.println();
            for (int i = 0; i < grade.feedback().size(); i++) {
                QuestionFeedback f = grade.feedback().get(i);
                QuizQuestion q = quiz.questions().get(i);
                String mark = !f.checked() ? s.yellow("? ") : f.correct() ? s.green("✓ ") : s.red("✗ ");
                ctx.out.println(mark + s.bold((i + 1) + ". " + oneLine(q.question())) + s.dim("  " + f.questionId()));
                ctx.out.println("    your answer: " + indentMore(QuizAnswers.given(q, answers.get(q.id()))));
                if (f.checked() && !f.correct() && !QuizAnswers.right(q).isBlank()) {
                    ctx.out.println("    " + s.green("right answer: ") + indentMore(QuizAnswers.right(q)));
                }
                if (!f.message().isBlank() && !f.message().equals("Correct.") && !f.message().equals("Not correct.")) {
                    ctx.out.println("    " + indentMore(f.message()));
                }
                if (!f.explanation().isBlank()) {
                    ctx.out.println("    " + s.dim(indentMore(f.explanation())));
                }
            }
            String verdict = grade.correct() + " of " + grade.total() + " right, " + grade.score() + " %"
                    + (grade.notChecked() == 0 ? "" : " (" + grade.notChecked() + " not checked here, not counted)");
            ctx.out.println(grade.passed() ? s.green("✓ passed: " + verdict) : s.red("✗ not passed: " + verdict + " (70 % needed)"));
        }
        return grade.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String indentMore(String text) {
        return text.strip().replace("\n", "\n      ");
    }

    private static Map<String, Object> fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ProgyException("no answers file at " + file, "give a JSON object of question id → answer");
        }
        JsonNode n;
        try {
            n = CliJson.parse(Files.readString(file));
        } catch (ProgyException e) {
            throw new ProgyException("the answers file " + file + " is " + e.getMessage(),
                    "give a JSON object of question id → answer, e.g. {\"q1\": \"a\", \"q2\": true}");
        }
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
        talk.println(s.bold(quiz.title()));
        if (!quiz.description().isBlank()) {
            talk.println(quiz.description());
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        int i = 0;
        for (QuizQuestion q : quiz.questions()) {
            talk.println();
            talk.println(s.bold(++i + "/" + quiz.questions().size() + ". ") + q.question());
            Object answer = switch (q.type()) {
                case MULTIPLE_CHOICE -> choose(q);
                case TRUE_FALSE -> trueFalse();
                case SHORT_ANSWER, FILL_IN_THE_BLANK -> prompt("answer> ");
                case MATCHING -> match(q);
                case CODING -> {
                    if (!q.startingCode().isBlank()) {
                        talk.println(s.dim(q.startingCode()));
                    }
                    yield lines("Type your " + q.language() + " code; end with a line holding only a dot (.)");
                }
                case ESSAY -> lines("Write your answer" + (q.minWords() > 0 ? " (at least " + q.minWords() + " words)" : "")
                        + "; end with a line holding only a dot (.)");
            };
            if (answer == null) {
                // input closed (Ctrl-D, or a script's answers ran out): a half-taken quiz is not an attempt
                throw new ProgyException("the input ended at question " + i + " of " + quiz.questions().size()
                        + ": nothing was recorded", "answer every question, or give them all with --answers answers.json");
            }
            answers.put(q.id(), answer);
        }
        return answers;
    }

    /** An option id; or, when more than one option is right, the list of those chosen. */
    private Object choose(QuizQuestion q) throws IOException {
        List<QuizQuestion.Option> options = q.options();
        boolean several = options.stream().filter(QuizQuestion.Option::correct).count() > 1;
        for (int k = 0; k < options.size(); k++) {
            talk.println("  " + (char) ('a' + k) + ") " + options.get(k).text());
        }
        if (several) {
            talk.println("  More than one is right: type every letter that is, e.g. a,c");
        }
        while (true) {
            String a = prompt(several ? "choices> " : "choice> ");
            if (a == null) {
                return null;
            }
            List<String> chosen = new ArrayList<>();
            for (String typed : a.trim().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
                String id = optionId(options, typed);
                if (id == null) {
                    chosen = null;
                    break;
                }
                chosen.add(id);
            }
            if (chosen != null && !chosen.isEmpty() && (several || chosen.size() == 1)) {
                return several ? chosen : chosen.get(0);
            }
            talk.println("  type " + (several ? "letters" : "a letter") + " from a to " + (char) ('a' + options.size() - 1));
        }
    }

    /** The id of the option typed as its letter or its id; null if there is none. */
    private static String optionId(List<QuizQuestion.Option> options, String typed) {
        if (typed.length() == 1 && typed.charAt(0) >= 'a' && typed.charAt(0) < 'a' + options.size()) {
            return options.get(typed.charAt(0) - 'a').id();
        }
        for (QuizQuestion.Option o : options) {
            if (o.id().equalsIgnoreCase(typed)) {
                return o.id();
            }
        }
        return null;
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
                default -> talk.println("  type true or false");
            }
        }
    }

    private Object match(QuizQuestion q) throws IOException {
        List<String> rights = q.pairs().stream().map(QuizQuestion.Pair::right).sorted().toList();
        for (int k = 0; k < rights.size(); k++) {
            talk.println("  " + (k + 1) + ") " + rights.get(k));
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (QuizQuestion.Pair p : q.pairs()) {
            String a = prompt("  " + p.left() + " → number> ");
            if (a == null) {
                return null;
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

    /** Lines up to one holding only a dot; the end of input ends the text too, unless nothing was typed. */
    private String lines(String instruction) throws IOException {
        talk.println(instruction);
        talk.flush();
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = ctx.in.readLine()) != null && !line.equals(".")) {
            sb.append(line).append('\n');
        }
        return line == null && sb.isEmpty() ? null : sb.toString();
    }

    private String prompt(String text) throws IOException {
        talk.print(text);
        talk.flush();
        return ctx.in.readLine();
    }
}
