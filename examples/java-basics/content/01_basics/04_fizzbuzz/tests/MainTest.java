/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void other_numbers_are_said_as_they_are() {
        Expect.equal("1", Main.fizzBuzz(1), "fizzBuzz(1)");
        Expect.equal("2", Main.fizzBuzz(2), "fizzBuzz(2)");
        Expect.equal("98", Main.fizzBuzz(98), "fizzBuzz(98)");
    }

    static void multiples_of_three_are_fizz() {
        Expect.equal("Fizz", Main.fizzBuzz(3), "fizzBuzz(3)");
        Expect.equal("Fizz", Main.fizzBuzz(9), "fizzBuzz(9)");
    }

    static void multiples_of_five_are_buzz() {
        Expect.equal("Buzz", Main.fizzBuzz(5), "fizzBuzz(5)");
        Expect.equal("Buzz", Main.fizzBuzz(20), "fizzBuzz(20)");
    }

    static void multiples_of_both_are_fizzbuzz() {
        Expect.equal("FizzBuzz", Main.fizzBuzz(15), "fizzBuzz(15)");
        Expect.equal("FizzBuzz", Main.fizzBuzz(45), "fizzBuzz(45)");
    }
}
