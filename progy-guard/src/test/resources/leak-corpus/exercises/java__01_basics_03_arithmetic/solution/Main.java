/*
 * Arithmetic: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/03_arithmetic/Main.java
 */
class Main {

    /** The temperature {@code celsius} in degrees Fahrenheit. */
    static double celsiusToFahrenheit(double celsius) {
        return celsius * 9 / 5 + 32;
    }

    /** The average of two whole numbers, which need not be a whole number itself. */
    static double average(int a, int b) {
        return (a + b) / 2.0;
    }

    /** The last digit of {@code number}, e.g. 4 for 1234 and for -1234. */
    static int lastDigit(int number) {
        return Math.abs(number % 10);
    }

    public static void main(String[] args) {
        System.out.println("20 C = " + celsiusToFahrenheit(20) + " F");
        System.out.println("average of 1 and 2 = " + average(1, 2));
        System.out.println("last digit of 1234 = " + lastDigit(1234));
    }
}
