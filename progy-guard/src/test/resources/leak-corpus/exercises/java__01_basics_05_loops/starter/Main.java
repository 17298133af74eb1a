/*
 * Loops: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/05_loops/Main.java
 */
class Main {

    /** 1 + 2 + ... + n; 0 when n is 0. */
    static int sumUpTo(int n) {
        // TODO: a for loop that adds each number to a running total
        return 0;
    }

    /** n! = 1 * 2 * ... * n; 0! is 1. A long, because factorials grow fast. */
    static long factorial(int n) {
        // TODO: like sumUpTo, but multiplying; what should the running product start at?
        return 0;
    }

    /** {@code text} backwards: "stressed" becomes "desserts". */
    static String reverse(String text) {
        // TODO: walk the characters from the last to the first (text.charAt(i))
        return text;
    }

    public static void main(String[] args) {
        System.out.println("sumUpTo(10) = " + sumUpTo(10));
        System.out.println("factorial(5) = " + factorial(5));
        System.out.println("reverse(\"stressed\") = " + reverse("stressed"));
    }
}
