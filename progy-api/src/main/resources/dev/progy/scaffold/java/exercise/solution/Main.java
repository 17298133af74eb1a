/*
 * @@TITLE@@: see README.md for the task.
 * Try it yourself from the course root:  java content/@@EXERCISE_ID@@/Main.java
 */
class Main {

    /** Returns the sum of {@code a} and {@code b}. */
    static int add(int a, int b) {
        return a + b;
    }

    public static void main(String[] args) {
        System.out.println(add(2, 3));
    }
}
