import java.util.ArrayList;
import java.util.LinkedHashSet;
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
        return new ArrayList<>(new LinkedHashSet<>(items));
    }

    /** The words grouped by their length, shortest first; within a group, in the order given. */
    static Map<Integer, List<String>> byLength(List<String> words) {
        Map<Integer, List<String>> groups = new TreeMap<>();
        for (String word : words) {
            groups.computeIfAbsent(word.length(), length -> new ArrayList<>()).add(word);
        }
        return groups;
    }

    public static void main(String[] args) {
        System.out.println(uniqueInOrder(List.of("b", "a", "b", "c", "a")));
        System.out.println(byLength(List.of("tea", "a", "cup", "of")));
    }
}
