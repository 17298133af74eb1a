package dev.progy.internal.quiz;

import dev.progy.spi.support.scratch.ScratchFolders;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs coding answers on this machine: Python with {@code python3}, JavaScript with {@code node} when it is
 * installed, Java as a single source file ({@code java Main.java}) on the running JVM. No shell is involved; a run
 * that outlives its timeout is killed with all its child processes; output beyond {@value #OUTPUT_LIMIT} bytes is
 * dropped.
 */
public final class HostCodeExecutor implements CodeExecutor {

    /** Bytes of output kept from one run. */
    public static final int OUTPUT_LIMIT = 64 * 1024;

    private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern ANY_CLASS = Pattern.compile("\\bclass\\s+([A-Za-z_$][\\w$]*)");

    private final Map<String, Optional<Path>> programs = new ConcurrentHashMap<>();

    @Override
    public boolean supports(String language) {
        return launcher(language).isPresent();
    }

    @Override
    public Execution run(String language, String code, String stdin, Duration timeout) {
        Launcher launcher = launcher(language)
                .orElseThrow(() -> new IllegalArgumentException("no runtime for " + language + " on this machine"));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("progy-quiz-");
            Path source = dir.resolve(launcher.sourceName().apply(code));
            Files.writeString(source, code, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(launcher.command());
            command.add(source.getFileName().toString());
            return execute(command, dir, stdin, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the " + language + " code: " + e.getMessage(), e);
        } finally {
            ScratchFolders.deleteQuietly(dir);
        }
    }

    private static Execution execute(List<String> command, Path dir, String stdin, Duration timeout)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CappedReader out = new CappedReader(process.getInputStream());
        Thread reader = daemon(out, "progy-quiz-stdout");
        Thread writer = daemon(() -> feed(process.getOutputStream(), stdin), "progy-quiz-stdin");
        reader.start();
        writer.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the code", e);
        }
        return new Execution(finished ? process.exitValue() : -1, out.text(), !finished);
    }

    /** Kills the children first: once the parent is gone they are reparented and out of reach. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle child : descendants) {
                child.onExit().get(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // killed with SIGKILL; a child that lingers as a zombie is its new parent's to reap
        }
    }

    private static void feed(OutputStream stdin, String input) {
        try (stdin) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the program exited or closed stdin without reading all of it: its output decides
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    private Optional<Launcher> launcher(String language) {
        String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "python", "python3", "py" -> program("python3").or(() -> program("python"))
                    .map(p -> new Launcher(List.of(p.toString()), code -> "answer.py"));
            case "javascript", "js", "node", "nodejs" -> program("node")
                    .map(p -> new Launcher(List.of(p.toString()), code -> "answer.js"));
            case "java" -> currentJava().map(p -> new Launcher(
                    List.of(p.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"),
                    code -> className(code) + ".java"));
            default -> Optional.empty();
        };
    }

    /** How a language is started, and the file name its source must have (Java's follows the class). */
    private record Launcher(List<String> command, UnaryOperator<String> sourceName) { }

    /** The class a Java answer declares: its public class, else its first class, else Main. */
    static String className(String code) {
        Matcher m = PUBLIC_CLASS.matcher(code);
        if (m.find()) {
            return m.group(1);
        }
        m = ANY_CLASS.matcher(code);
        return m.find() ? m.group(1) : "Main";
    }

    private static Optional<Path> currentJava() {
        String exe = File.separatorChar == '\\' ? "java.exe" : "java";
        Path java = Path.of(System.getProperty("java.home"), "bin", exe);
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }

    private Optional<Path> program(String name) {
        return programs.computeIfAbsent(name, HostCodeExecutor::findOnPath);
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> names = File.separatorChar == '\\' ? List.of(name + ".exe", name + ".cmd") : List.of(name);
        for (String folder : path.split(File.pathSeparator)) {
            for (String n : names) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder, n);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Keeps the first {@value #OUTPUT_LIMIT} bytes and drains the rest, so the program never blocks on a full pipe. */
    private static final class CappedReader implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        CappedReader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = OUTPUT_LIMIT - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the stream closes when the process is killed
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
