/*
 * Hello, world: see README.md for the task.
 * Try it yourself from the course root:  java content/01_basics/01_hello/Main.java
 */
class Main {

    /** Returns a greeting for {@code name}: "Hello, " then the name then "!". */
    static String greeting(String name) {
        // TODO: build the greeting from "Hello, ", the name and "!"
        return "";
    }

    public static void main(String[] args) {
        System.out.println(greeting("world"));
    }
}
