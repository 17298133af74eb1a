package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The original's quiz template: quiz.json is a list of questions instead of {@code {title, questions}}, each question
 * written either in today's form (with {@code type}) or in the template's short form
 * {@code {"question": "…", "options": ["text", "text"], "answer": 0}} (a multiple-choice question whose answer is the
 * index of the right option; {@code answer: true|false} makes a true-false question, a text answer a short-answer
 * one). Converted here into the quiz a quiz.json object would describe, then checked like one.
 */
final class LegacyQuiz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LegacyQuiz() { }

    static ObjectNode convert(JsonNode list) {
        ObjectNode quiz = NODES.objectNode();
        quiz.put("title", "Quiz");
        ArrayNode questions = quiz.putArray("questions");
        for (int i = 0; i < list.size(); i++) {
            questions.add(question(list.get(i), i));
        }
        return quiz;
    }

    private static JsonNode question(JsonNode item, int index) {
        if (!item.isObject()) {
            return item; // the schema says what is wrong with it
        }
        ObjectNode q = ((ObjectNode) item).deepCopy();
        if (!q.hasNonNull("id")) {
            q.put("id", "q" + (index + 1));
        }
        if (q.has("type")) {
            return q;
        }
        JsonNode answer = q.path("answer");
        JsonNode options = q.path("options");
        if (options.isArray() && options.size() > 0 && options.get(0).isTextual()) {
            q.put("type", "multiple-choice");
            ArrayNode converted = NODES.arrayNode();
            for (int o = 0; o < options.size(); o++) {
                ObjectNode option = converted.addObject();
                option.put("id", String.valueOf((char) ('a' + Math.min(o, 25))) + (o > 25 ? o : ""));
                option.put("text", options.get(o).asText());
                option.put("isCorrect", isAnswer(answer, o, options.get(o).asText()));
            }
            q.set("options", converted);
        } else if (answer.isBoolean()) {
            q.put("type", "true-false");
            q.put("correctAnswer", answer.asBoolean());
        } else if (answer.isTextual()) {
            q.put("type", "short-answer");
            q.putArray("acceptedAnswers").add(answer.asText());
        }
        q.remove("answer");
        return q;
    }

    /** Whether option {@code index} is right: {@code answer} is its index, its text, or a list of either. */
    private static boolean isAnswer(JsonNode answer, int index, String text) {
        if (answer.isArray()) {
            for (JsonNode a : answer) {
                if (isAnswer(a, index, text)) {
                    return true;
                }
            }
            return false;
        }
        return answer.isIntegralNumber() ? answer.asInt() == index : answer.isTextual() && answer.asText().equals(text);
    }
}
