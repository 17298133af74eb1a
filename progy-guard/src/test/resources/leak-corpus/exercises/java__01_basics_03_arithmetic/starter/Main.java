/*
 * Arithmetic: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/03_arithmetic/Main.java
 */
class Main {

    /** The temperature {@code celsius} in degrees Fahrenheit. */
    static double celsiusToFahrenheit(double celsius) {
        // TODO: multiply by 9, divide by 5, add 32
        return 0;
    }

    /** The average of two whole numbers, which need not be a whole number itself. */
    static double average(int a, int b) {
        // TODO: add them up and divide by 2, without losing the half
        return 0;
    }

    /** The last digit of {@code number}, e.g. 4 for 1234 and for -1234. */
    static int lastDigit(int number) {
        // TODO: the remainder of a division by 10 is the last digit
        return 0;
    }

    public static void main(String[] args) {
        System.out.println("20 C = " + celsiusToFahrenheit(20) + " F");
        System.out.println("average of 1 and 2 = " + average(1, 2));
        System.out.println("last digit of 1234 = " + lastDigit(1234));
    }
}
