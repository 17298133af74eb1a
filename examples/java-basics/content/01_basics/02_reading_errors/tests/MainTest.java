/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void one_minute_has_sixty_seconds() {
        Expect.equal(60, Main.secondsIn(1), "secondsIn(1)");
    }

    static void no_minutes_have_no_seconds() {
        Expect.equal(0, Main.secondsIn(0), "secondsIn(0)");
    }

    static void an_hour_and_a_half_has_5400_seconds() {
        Expect.equal(5400, Main.secondsIn(90), "secondsIn(90)");
    }
}
