import java.util.List;

/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void keeps_the_even_numbers_in_order() {
        Expect.equal(List.of(2, 4, 10), Main.evens(List.of(1, 2, 3, 4, 7, 10)), "evens([1, 2, 3, 4, 7, 10])");
    }

    static void negative_even_numbers_are_even_too() {
        Expect.equal(List.of(-2, 0), Main.evens(List.of(-3, -2, 0)), "evens([-3, -2, 0])");
    }

    static void finds_the_largest_number() {
        Expect.equal(9, Main.largest(List.of(3, 9, 4)), "largest([3, 9, 4])");
    }

    static void the_largest_of_negative_numbers_is_negative() {
        Expect.equal(-1, Main.largest(List.of(-5, -1, -7)), "largest([-5, -1, -7])");
    }

    static void shouts_every_word() {
        Expect.equal(List.of("HEY", "YOU"), Main.shout(List.of("hey", "you")), "shout([hey, you])");
    }

    static void shouting_leaves_the_original_list_alone() {
        List<String> words = new java.util.ArrayList<>(List.of("quiet"));
        Main.shout(words);
        Expect.equal(List.of("quiet"), words, "the list given to shout([quiet]) afterwards");
    }
}
