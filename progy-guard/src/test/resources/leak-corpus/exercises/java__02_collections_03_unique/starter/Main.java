import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * Sets and grouping: see README.md for the task.
 * Try it yourself from the course root:  java content/02_collections/03_unique/Main.java
 */
class Main {

    /** {@code items} without repeats, each kept where it first appeared. */
    static List<String> uniqueInOrder(List<String> items) {
        // TODO: a LinkedHashSet remembers the order things were added in
        return new ArrayList<>(items);
    }

    /** The words grouped by their length, shortest first; within a group, in the order given. */
    static Map<Integer, List<String>> byLength(List<String> words) {
        Map<Integer, List<String>> groups = new TreeMap<>();
        // TODO: put each word in the list for its length, making the list when it is the first
        return groups;
    }

    public static void main(String[] args) {
        System.out.println(uniqueInOrder(List.of("b", "a", "b", "c", "a")));
        System.out.println(byLength(List.of("tea", "a", "cup", "of")));
    }
}
