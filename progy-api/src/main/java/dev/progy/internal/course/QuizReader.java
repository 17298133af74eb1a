package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads an exercise's quiz.json: its schema, then what a schema cannot say (a question nobody can answer right). */
final class QuizReader {

    static final String FILE = "quiz.json";

    private QuizReader() {
    }

    /** The quiz, or empty when the file is not JSON or not a quiz at all (the problems say why). */
    static Optional<Quiz> read(Path file, Problems problems) {
        Optional<JsonNode> parsed = JsonFiles.read(file, problems);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = parsed.get();
        if (json.isArray()) {
            json = LegacyQuiz.convert(json);
        }
        if (problems.schemaChecks()) {
            CourseSchemas.QUIZ.check(json, file, problems);
        }
        if (!json.isObject()) {
            return Optional.empty();
        }
        checkMeaning(json, file, problems);
        List<QuizQuestion> questions = new ArrayList<>();
        JsonNode list = json.path("questions");
        for (int i = 0; i < list.size(); i++) {
            question(list.get(i)).ifPresent(questions::add);
        }
        return Optional.of(new Quiz(JsonFields.text(json, "title", "Quiz"), JsonFields.text(json, "description", ""),
                questions));
    }

    private static void checkMeaning(JsonNode json, Path file, Problems problems) {
        Set<String> ids = new HashSet<>();
        JsonNode list = json.path("questions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode q = list.get(i);
            String at = "/questions/" + i;
            Optional<String> id = JsonFields.text(q, "id");
            if (id.isPresent() && !ids.add(id.get())) {
                problems.add(file, at + "/id", "question id \"" + id.get() + "\" is used twice; every question of a"
                        + " quiz needs its own id");
            }
            String type = JsonFields.text(q, "type", "");
            if (type.equals("multiple-choice") && q.path("options").isArray() && q.path("options").size() > 0) {
                options(q.path("options"), at, file, problems);
            }
            if (type.equals("matching")) {
                Set<String> lefts = new HashSet<>();
                List<JsonNode> pairs = JsonFields.objects(q, "pairs");
                for (int p = 0; p < pairs.size(); p++) {
                    String left = JsonFields.text(pairs.get(p), "left", "");
                    if (!left.isEmpty() && !lefts.add(left)) {
                        problems.add(file, at + "/pairs/" + p + "/left", "\"" + left + "\" is matched twice; each"
                                + " left-hand item must appear once");
                    }
                }
            }
        }
    }

    private static void options(JsonNode options, String at, Path file, Problems problems) {
        boolean anyCorrect = false;
        Set<String> optionIds = new HashSet<>();
        for (int o = 0; o < options.size(); o++) {
            JsonNode option = options.get(o);
            anyCorrect |= JsonFields.bool(option, "isCorrect", false);
            Optional<String> optionId = JsonFields.text(option, "id");
            if (optionId.isPresent() && !optionIds.add(optionId.get())) {
                problems.add(file, at + "/options/" + o + "/id", "option id \"" + optionId.get() + "\" is used twice"
                        + " in this question");
            }
        }
        if (!anyCorrect) {
            problems.add(file, at + "/options", "no option is marked `\"isCorrect\": true`, so the question cannot"
                    + " be answered right; mark the correct option(s)");
        }
    }

    private static Optional<QuizQuestion> question(JsonNode q) {
        Optional<QuizQuestion.Type> type = JsonFields.text(q, "type").flatMap(QuizQuestion.Type::parse);
        Optional<String> id = JsonFields.text(q, "id");
        if (type.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        List<QuizQuestion.Option> options = new ArrayList<>();
        for (JsonNode o : JsonFields.objects(q, "options")) {
            options.add(new QuizQuestion.Option(JsonFields.text(o, "id", ""), JsonFields.text(o, "text", ""),
                    JsonFields.bool(o, "isCorrect", false), JsonFields.text(o, "explanation", "")));
        }
        List<QuizQuestion.TestCase> testCases = new ArrayList<>();
        for (JsonNode t : JsonFields.objects(q, "testCases")) {
            testCases.add(new QuizQuestion.TestCase(JsonFields.text(t, "input").orElse(""),
                    JsonFields.text(t, "expectedOutput").orElse("")));
        }
        List<QuizQuestion.Pair> pairs = new ArrayList<>();
        for (JsonNode p : JsonFields.objects(q, "pairs")) {
            pairs.add(new QuizQuestion.Pair(JsonFields.text(p, "left", ""), JsonFields.text(p, "right", "")));
        }
        return Optional.of(new QuizQuestion(
                id.get(),
                type.get(),
                JsonFields.text(q, "question", ""),
                JsonFields.text(q, "explanation", ""),
                options,
                JsonFields.bool(q, "correctAnswer"),
                JsonFields.strings(q, "acceptedAnswers"),
                JsonFields.bool(q, "caseSensitive", false),
                JsonFields.text(q, "language", ""),
                JsonFields.text(q, "startingCode").orElse(""),
                JsonFields.text(q, "solutionCode").orElse(""),
                testCases,
                pairs,
                Math.max(0, JsonFields.integer(q, "minWords", 0)),
                JsonFields.text(q, "rubric", "")));
    }
}
