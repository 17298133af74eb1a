import java.util.List;
import java.util.Map;

/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void drops_repeats_keeping_the_first() {
        Expect.equal(List.of("b", "a", "c"), Main.uniqueInOrder(List.of("b", "a", "b", "c", "a")),
                "uniqueInOrder([b, a, b, c, a])");
    }

    static void a_list_without_repeats_stays_the_same() {
        Expect.equal(List.of("x", "y"), Main.uniqueInOrder(List.of("x", "y")), "uniqueInOrder([x, y])");
    }

    static void groups_words_by_length() {
        Expect.equal(Map.of(1, List.of("a"), 2, List.of("of"), 3, List.of("tea", "cup")),
                Main.byLength(List.of("tea", "a", "cup", "of")), "byLength([tea, a, cup, of])");
    }

    static void shortest_group_comes_first() {
        Expect.equal(List.of(2, 5), List.copyOf(Main.byLength(List.of("hello", "hi")).keySet()),
                "the lengths of byLength([hello, hi])");
    }

    static void no_words_no_groups() {
        Expect.equal(Map.of(), Main.byLength(List.of()), "byLength([])");
    }
}
