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
        for (int number : numbers) {
            if (number % 2 == 0) {
                result.add(number);
            }
        }
        return result;
    }

    /** The largest number in {@code numbers}, which is never empty. */
    static int largest(List<Integer> numbers) {
        int largest = numbers.get(0);
        for (int number : numbers) {
            largest = Math.max(largest, number);
        }
        return largest;
    }

    /** Every word of {@code words} in capitals, in the same order; the list given is left as it is. */
    static List<String> shout(List<String> words) {
        List<String> shouted = new ArrayList<>();
        for (String word : words) {
            shouted.add(word.toUpperCase());
        }
        return shouted;
    }

    public static void main(String[] args) {
        System.out.println(evens(List.of(1, 2, 3, 4)));
        System.out.println(largest(List.of(3, 9, 4)));
        System.out.println(shout(List.of("hey", "you")));
    }
}
