import java.util.HashMap;
import java.util.Map;

/*
 * Word count: see README.md for the task.
 * Try it yourself from the course root:  java content/02_collections/02_word_count/Main.java
 */
class Main {

    /** How often each word occurs in {@code text}, words in lower case; see README.md for what a word is. */
    static Map<String, Integer> wordCount(String text) {
        Map<String, Integer> counts = new HashMap<>();
        // TODO: split the text into words and count each one
        return counts;
    }

    public static void main(String[] args) {
        System.out.println(wordCount("The cat and the hat"));
    }
}
