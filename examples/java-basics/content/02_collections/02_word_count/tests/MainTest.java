import java.util.Map;

/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void counts_a_single_word() {
        Expect.equal(Map.of("hello", 1), Main.wordCount("hello"), "wordCount(\"hello\")");
    }

    static void counts_a_repeated_word() {
        Expect.equal(Map.of("go", 3), Main.wordCount("go go go"), "wordCount(\"go go go\")");
    }

    static void ignores_upper_and_lower_case() {
        Expect.equal(Map.of("the", 2, "cat", 1, "hat", 1), Main.wordCount("The cat The hat"),
                "wordCount(\"The cat The hat\")");
    }

    static void ignores_punctuation_and_extra_spaces() {
        Expect.equal(Map.of("one", 1, "two", 2), Main.wordCount("  one, two...  two!"),
                "wordCount(\"  one, two...  two!\")");
    }

    static void keeps_apostrophes_inside_words() {
        Expect.equal(Map.of("don't", 2, "stop", 1), Main.wordCount("Don't stop, don't"),
                "wordCount(\"Don't stop, don't\")");
    }

    static void an_empty_text_has_no_words() {
        Expect.equal(Map.of(), Main.wordCount(""), "wordCount(\"\")");
    }
}
