/*
 * Reading compiler errors: see README.md for the task.
 * This file does not compile yet. Run the checker and read what the compiler says.
 */
class Main {

    /** How many seconds there are in {@code minutes} minutes. */
    static int secondsIn(int minutes) {
        int seconds = minutes * 60
        return secnds;
    }

    public static void main(String[] args) {
        System.out.println(secondsIn(90) + " seconds");
    }
}
