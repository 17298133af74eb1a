/*
 * FizzBuzz: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/04_fizzbuzz/Main.java
 */
class Main {

    /** "Fizz", "Buzz", "FizzBuzz", or the number itself, as the rules in README.md say. */
    static String fizzBuzz(int number) {
        // TODO: check the divisors; which check has to come first?
        return String.valueOf(number);
    }

    public static void main(String[] args) {
        for (int i = 1; i <= 15; i++) {
            System.out.println(fizzBuzz(i));
        }
    }
}
