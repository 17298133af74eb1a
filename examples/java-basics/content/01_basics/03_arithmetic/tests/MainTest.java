/*
 * The tests for this exercise. Every non-private `static void` method is one test, run in the order
 * written; runner/Check.java runs them and runner/Expect.java holds the assertions.
 */
class MainTest {

    static void water_freezes_at_32_fahrenheit() {
        Expect.near(32.0, Main.celsiusToFahrenheit(0), "celsiusToFahrenheit(0)");
    }

    static void water_boils_at_212_fahrenheit() {
        Expect.near(212.0, Main.celsiusToFahrenheit(100), "celsiusToFahrenheit(100)");
    }

    static void minus_40_is_the_same_in_both_scales() {
        Expect.near(-40.0, Main.celsiusToFahrenheit(-40), "celsiusToFahrenheit(-40)");
    }

    static void body_temperature_is_not_rounded() {
        Expect.near(98.6, Main.celsiusToFahrenheit(37), "celsiusToFahrenheit(37)");
    }

    static void the_average_keeps_its_half() {
        Expect.near(1.5, Main.average(1, 2), "average(1, 2)");
    }

    static void the_average_of_equal_numbers_is_that_number() {
        Expect.near(7.0, Main.average(7, 7), "average(7, 7)");
    }

    static void the_last_digit_of_a_number() {
        Expect.equal(4, Main.lastDigit(1234), "lastDigit(1234)");
    }

    static void the_last_digit_of_a_negative_number_is_positive() {
        Expect.equal(4, Main.lastDigit(-1234), "lastDigit(-1234)");
    }
}
