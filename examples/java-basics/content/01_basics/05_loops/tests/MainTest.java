/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void the_sum_up_to_ten_is_55() {
        Expect.equal(55, Main.sumUpTo(10), "sumUpTo(10)");
    }

    static void the_sum_up_to_zero_is_zero() {
        Expect.equal(0, Main.sumUpTo(0), "sumUpTo(0)");
    }

    static void five_factorial_is_120() {
        Expect.equal(120L, Main.factorial(5), "factorial(5)");
    }

    static void zero_factorial_is_one() {
        Expect.equal(1L, Main.factorial(0), "factorial(0)");
    }

    static void twenty_factorial_fits_in_a_long() {
        Expect.equal(2_432_902_008_176_640_000L, Main.factorial(20), "factorial(20)");
    }

    static void reverses_a_word() {
        Expect.equal("desserts", Main.reverse("stressed"), "reverse(\"stressed\")");
    }

    static void an_empty_text_reversed_is_empty() {
        Expect.equal("", Main.reverse(""), "reverse(\"\")");
    }
}
