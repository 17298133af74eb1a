/*
 * The tests of @@TITLE@@. Every non-private `static void` method is one test, run in the order written;
 * runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void adds_two_numbers() {
        Expect.equal(5, Main.add(2, 3), "add(2, 3)");
    }

    static void adds_a_negative_number() {
        Expect.equal(-1, Main.add(2, -3), "add(2, -3)");
    }
}
