public class MainTest {
    public static void main(String[] args) {
        if (Main.total(new int[] {1, 2, 3}) != 6) throw new AssertionError("total should be 6");
    }
}
