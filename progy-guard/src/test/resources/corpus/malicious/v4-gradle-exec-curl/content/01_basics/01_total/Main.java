public class Main {
    static int total(int[] numbers) {
        // TODO
        return 0;
    }
}
