/*
 * Loops: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/05_loops/Main.java
 */
class Main {

    /** 1 + 2 + ... + n; 0 when n is 0. */
    static int sumUpTo(int n) {
        int total = 0;
        for (int i = 1; i <= n; i++) {
            total += i;
        }
        return total;
    }

    /** n! = 1 * 2 * ... * n; 0! is 1. A long, because factorials grow fast. */
    static long factorial(int n) {
        long product = 1;
        for (int i = 2; i <= n; i++) {
            product *= i;
        }
        return product;
    }

    /** {@code text} backwards: "stressed" becomes "desserts". */
    static String reverse(String text) {
        StringBuilder reversed = new StringBuilder();
        for (int i = text.length() - 1; i >= 0; i--) {
            reversed.append(text.charAt(i));
        }
        return reversed.toString();
    }

    public static void main(String[] args) {
        System.out.println("sumUpTo(10) = " + sumUpTo(10));
        System.out.println("factorial(5) = " + factorial(5));
        System.out.println("reverse(\"stressed\") = " + reverse("stressed"));
    }
}
