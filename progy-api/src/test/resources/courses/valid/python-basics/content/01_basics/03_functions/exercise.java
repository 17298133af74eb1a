public class Exercise { public static void main(String[] a) { } }
