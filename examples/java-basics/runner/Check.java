import java.io.*;
import java.lang.reflect.*;
import java.net.URI;
import java.nio.file.*;
import java.util.*;
import javax.tools.*;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The java-basics course runner (and that of courses made with {@code progy new course --template java}):
 * {@code java runner/Check.java 01_basics/01_hello/Main.java}, run from the
 * course root (or a student workspace laid out the same way).
 *
 * <ol>
 *   <li>compiles, in memory, every {@code .java} file beside the entry file (the student's code), every file
 *       in the exercise's {@code tests/} folder and {@code runner/Expect.java};</li>
 *   <li>loads the classes in a fresh class loader and runs each test: every non-private
 *       {@code static void name()} method of a test class, in the order they appear in the source, each in
 *       its own thread with a time limit, so a loop that never ends fails one test instead of the run;</li>
 *   <li>reports twice: {@code results.json} (Exercism's test-runner format) in {@code $PROGY_OUTPUT_DIR} when
 *       it is set, and an SRP block on stdout, which works everywhere.</li>
 * </ol>
 * Exit code 0 when every test passed, 1 otherwise (a test failed, or the code does not compile).
 */
public class Check {
    static final Path EXERCISES = Path.of("content");
    static final Path ASSERTIONS = Path.of("runner", "Expect.java");
    static final long TEST_TIME_LIMIT_MILLIS = 3_000;
    static final long ALL_TESTS_TIME_LIMIT_MILLIS = 15_000; // well within the course's 30 s run timeout
    static final int OUTPUT_LIMIT = 500; // characters of captured output per test, as Exercism does

    record TestResult(String name, String status, String message, String output) {}

    record Problem(String severity, String message, String file, long line, long column, String snippet) {}

    record Report(String status, String message, List<TestResult> tests, List<Problem> diagnostics) {}

    public static void main(String[] args) throws IOException {
        Report report = args.length == 1
                ? check(args[0])
                : error("Usage: java runner/Check.java <entry file relative to content/>, "
                        + "e.g. 01_basics/01_hello/Main.java");
        publish(report);
        System.exit(report.status().equals("pass") ? 0 : 1);
    }

    static Report check(String exercise) throws IOException {
        Path entry = EXERCISES.resolve(exercise).normalize();
        if (Path.of(exercise).isAbsolute() || !entry.startsWith(EXERCISES) || !Files.isRegularFile(entry)) {
            return error("No exercise file " + EXERCISES.resolve(exercise)
                    + ": run this from the course root with a path relative to content/.");
        }
        Path folder = entry.getParent();
        List<Path> tests = javaFilesIn(folder.resolve("tests"));
        if (tests.isEmpty()) {
            return error("The exercise has no tests: expected .java files in " + folder.resolve("tests"));
        }
        List<Path> sources = new ArrayList<>(javaFilesIn(folder));
        sources.addAll(tests);
        sources.add(ASSERTIONS);

        List<Problem> problems = new ArrayList<>();
        Map<String, byte[]> classes = compile(sources, problems);
        if (classes == null) {
            Problem first = problems.get(0);
            return new Report("error", "Your code does not compile. " + (problems.size() > 1 ? "The first of "
                    + problems.size() + " problems: " : "") + where(first) + first.message(), List.of(), problems);
        }

        // A fresh loader that sees only the new classes and the JDK, never this runner's own classes.
        ClassLoader loader = new ClassLoader("exercise", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        List<TestResult> results = new ArrayList<>();
        int passed = 0;
        long deadline = System.currentTimeMillis() + ALL_TESTS_TIME_LIMIT_MILLIS;
        for (Path testFile : tests) {
            String className = testFile.getFileName().toString().replaceFirst("\\.java$", "");
            Class<?> testClass;
            try {
                testClass = loader.loadClass(className);
            } catch (ClassNotFoundException e) {
                return error(testFile + " must declare a class named " + className + ".");
            }
            for (Method test : testsOf(testClass, Files.readString(testFile))) {
                long timeLeft = Math.min(TEST_TIME_LIMIT_MILLIS, deadline - System.currentTimeMillis());
                TestResult result = timeLeft > 0 ? run(test, timeLeft) : new TestResult(name(test), "fail",
                        "Not run: earlier tests used up the time (loops that never end?)", null);
                results.add(result);
                passed += result.status().equals("pass") ? 1 : 0;
            }
        }
        if (results.isEmpty()) {
            return error("No tests found: a test is a non-private static void method without parameters.");
        }
        return passed == results.size()
                ? new Report("pass", "All " + passed + " tests passed.", results, problems)
                : new Report("fail", passed + " of " + results.size() + " tests passed.", results, problems);
    }

    // ---- compiling -------------------------------------------------------------------------------------

    /** Compiles {@code sources}; returns class bytes by binary name, or null if javac failed. */
    static Map<String, byte[]> compile(List<Path> sources, List<Problem> problems) throws IOException {
        var javac = ToolProvider.getSystemJavaCompiler();
        var collector = new DiagnosticCollector<JavaFileObject>();
        Map<String, ByteArrayOutputStream> output = new HashMap<>();
        StandardJavaFileManager files = javac.getStandardFileManager(collector, Locale.ENGLISH, UTF_8);
        // Nothing but the listed sources and the JDK: no stray classes from the working directory.
        files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
        files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
        var inMemory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        var bytes = new ByteArrayOutputStream();
                        output.put(name, bytes);
                        return bytes;
                    }
                };
            }
        };
        boolean compiled = javac.getTask(null, inMemory, collector, List.of("-proc:none"), null,
                files.getJavaFileObjectsFromPaths(sources)).call();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER) {
                problems.add(problem(d));
            }
        }
        if (!compiled) {
            return null;
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (Map.Entry<String, ByteArrayOutputStream> e : output.entrySet()) {
            classes.put(e.getKey(), e.getValue().toByteArray());
        }
        return classes;
    }

    static Problem problem(Diagnostic<? extends JavaFileObject> d) throws IOException {
        String severity = d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning";
        String message = d.getMessage(Locale.ENGLISH);
        if (d.getSource() == null) {
            return new Problem(severity, message, null, 0, 0, null);
        }
        Path file = Path.of(d.getSource().toUri());
        String relative = Path.of("").toAbsolutePath().relativize(file).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(file, UTF_8);
        String snippet = d.getLineNumber() >= 1 && d.getLineNumber() <= lines.size()
                ? lines.get((int) d.getLineNumber() - 1) : null;
        return new Problem(severity, message, relative, Math.max(d.getLineNumber(), 0),
                Math.max(d.getColumnNumber(), 0), snippet);
    }

    static List<Path> javaFilesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.java")) {
            entries.forEach(files::add);
        }
        Collections.sort(files);
        return files;
    }

    // ---- testing ---------------------------------------------------------------------------------------

    /** The test methods of {@code testClass}, in the order they are written in {@code source}. */
    static List<Method> testsOf(Class<?> testClass, String source) {
        TreeMap<Integer, Method> byPosition = new TreeMap<>();
        for (Method m : testClass.getDeclaredMethods()) {
            int modifiers = m.getModifiers();
            if (Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && m.getReturnType() == void.class
                    && m.getParameterCount() == 0 && !m.isSynthetic()) {
                int position = source.indexOf(" " + m.getName() + "(");
                byPosition.put(position >= 0 ? position : source.length() + byPosition.size(), m); // unfound: last
            }
        }
        return new ArrayList<>(byPosition.values());
    }

    /** Runs one test in its own thread, capturing what it prints, and gives up after the time limit. */
    static TestResult run(Method test, long timeLimitMillis) {
        String name = name(test);
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(name) {
            @Override
            public void run() {
                try {
                    test.setAccessible(true);
                    test.invoke(null);
                } catch (InvocationTargetException e) {
                    thrown[0] = e.getCause();
                } catch (Throwable e) { // e.g. ExceptionInInitializerError from a static field of the student's class
                    thrown[0] = e;
                }
            }
        };
        thread.setDaemon(true); // a test still looping when we are done must not keep the JVM alive
        var captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (var capture = new PrintStream(captured, true, UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            thread.start();
            thread.join(timeLimitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String output = captured.toString(UTF_8);
        if (output.length() > OUTPUT_LIMIT) {
            output = output.substring(0, OUTPUT_LIMIT) + "\n... (output cut at " + OUTPUT_LIMIT + " characters)";
        }
        if (thread.isAlive()) {
            return new TestResult(name, "fail", "Did not finish in time: is there a loop that never ends?", output);
        }
        Throwable failure = thrown[0] instanceof ExceptionInInitializerError e && e.getCause() != null
                ? e.getCause() : thrown[0];
        if (failure == null) {
            return new TestResult(name, "pass", null, output);
        }
        String message = failure instanceof AssertionError
                ? failure.getMessage()
                : "Threw " + failure + whereThrown(failure);
        return new TestResult(name, "fail", message, output);
    }

    /** The test's name as the student reads it: greets_the_world becomes "greets the world". */
    static String name(Method test) {
        return test.getName().replace('_', ' ');
    }

    /** " at Main.java:12" for the deepest frame of exercise code, so the student knows where to look. */
    static String whereThrown(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if ("exercise".equals(frame.getClassLoaderName()) && frame.getFileName() != null) {
                return " at " + frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return "";
    }

    // ---- reporting -------------------------------------------------------------------------------------

    static Report error(String message) {
        return new Report("error", message, List.of(), List.of());
    }

    static String where(Problem p) {
        return p.file() == null ? "" : p.file() + ":" + p.line() + ":" + p.column() + ": ";
    }

    static void publish(Report report) throws IOException {
        for (Problem p : report.diagnostics()) { // the way javac prints them, caret under the column
            System.out.println(where(p) + p.severity() + ": " + p.message());
            if (p.snippet() != null && p.column() > 0) {
                System.out.println(p.snippet() + "\n" + " ".repeat((int) p.column() - 1) + "^");
            }
        }
        for (TestResult t : report.tests()) {
            System.out.println((t.status().equals("pass") ? "PASS " : "FAIL ") + t.name()
                    + (t.message() == null ? "" : ": " + t.message()));
        }
        System.out.println(report.message());

        List<Object> tests = new ArrayList<>();
        for (TestResult t : report.tests()) {
            tests.add(object("name", t.name(), "status", t.status(), "message", t.message(), "output", t.output()));
        }
        String outputDir = System.getenv("PROGY_OUTPUT_DIR");
        if (outputDir != null && !outputDir.isBlank()) {
            Map<String, Object> results = object("version", 2, "status", report.status(),
                    "message", report.message(), "tests", tests);
            Files.writeString(Path.of(outputDir, "results.json"), json(results), UTF_8);
        }

        List<Object> diagnostics = new ArrayList<>();
        for (Problem p : report.diagnostics()) {
            diagnostics.add(object("severity", p.severity(), "message", p.message(), "file", p.file(),
                    "line", p.line(), "column", p.column(), "snippet", p.snippet()));
        }
        System.out.println("__SRP_BEGIN__");
        System.out.println(json(object("success", report.status().equals("pass"), "summary", report.message(),
                "tests", tests, "diagnostics", diagnostics)));
        System.out.println("__SRP_END__");
    }

    /** An ordered JSON object from alternating keys and values; null values are left out. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            var members = new StringJoiner(",", "{", "}");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                members.add(json(e.getKey()) + ":" + json(e.getValue()));
            }
            return members.toString();
        }
        if (value instanceof List<?> list) {
            var elements = new StringJoiner(",", "[", "]");
            for (Object element : list) {
                elements.add(json(element));
            }
            return elements.toString();
        }
        if (value instanceof String s) {
            var quoted = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                quoted.append(switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    // ASCII only: stdout's encoding is the platform's, which may not be UTF-8.
                    default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                });
            }
            return quoted.append('"').toString();
        }
        return String.valueOf(value); // numbers and booleans
    }
}
