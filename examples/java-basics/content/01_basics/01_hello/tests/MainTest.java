/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void greets_the_world() {
        Expect.equal("Hello, world!", Main.greeting("world"), "greeting(\"world\")");
    }

    static void greets_a_person_by_name() {
        Expect.equal("Hello, Ada!", Main.greeting("Ada"), "greeting(\"Ada\")");
    }

    static void keeps_the_name_exactly_as_given() {
        Expect.equal("Hello, grace hopper!", Main.greeting("grace hopper"), "greeting(\"grace hopper\")");
    }
}
