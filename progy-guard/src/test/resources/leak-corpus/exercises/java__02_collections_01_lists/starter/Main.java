import java.util.ArrayList;
import java.util.List;

/*
 * Lists: see README.md for the task.
 * Try it yourself from the course root:  java content/02_collections/01_lists/Main.java
 */
class Main {

    /** The even numbers of {@code numbers}, in the order they come. */
    static List<Integer> evens(List<Integer> numbers) {
        List<Integer> result = new ArrayList<>();
        // TODO: add each even number to result
        return result;
    }

    /** The largest number in {@code numbers}, which is never empty. */
    static int largest(List<Integer> numbers) {
        // TODO: start from the first number and keep the biggest one seen so far
        return 0;
    }

    /** Every word of {@code words} in capitals, in the same order; the list given is left as it is. */
    static List<String> shout(List<String> words) {
        // TODO: a new list with word.toUpperCase() of each word
        return words;
    }

    public static void main(String[] args) {
        System.out.println(evens(List.of(1, 2, 3, 4)));
        System.out.println(largest(List.of(3, 9, 4)));
        System.out.println(shout(List.of("hey", "you")));
    }
}
