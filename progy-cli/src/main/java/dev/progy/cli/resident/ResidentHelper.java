package dev.progy.cli.resident;

import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A warm JVM that runs {@code progy run} and {@code progy list} for the launcher, so that those commands skip the
 * ≈ 100 ms a JVM needs to start and load progy. It serves only calls made from the working folder and with the
 * environment it was started with (every variable, but the few a shell changes by itself), on the caller's own
 * terminal or devices: what a command does and prints is what a JVM of its own would do and print. Anything else is
 * answered "again" and the launcher starts a JVM of its own.
 *
 * <p>It stops by itself: unused for {@code PROGY_HELPER_IDLE} seconds (600), after {@value #MAX_CALLS} calls, when
 * {@code progy.jar} changes, when its folder or working folder goes, and when a call cannot be served. A caller that
 * goes away mid-command (Ctrl-C, a closed terminal, a kill) stops it the way a Ctrl-C stops a JVM of its own: its
 * exit hooks remove the run's containers and processes.
 */
public final class ResidentHelper {
    /** The hidden command line the launcher starts a helper with: {@code progy __resident-helper <folder>}. */
    public static final String COMMAND = "__resident-helper";
    static final int MAX_CALLS = 500;
    /** A lock older than this with no call being served is a launcher that died between the lock and its call. */
    private static final long STALE_LOCK_MILLIS = 10_000;

    /** How the helper runs one command line: {@code dev.progy.cli.Main}'s in-process entry. */
    @FunctionalInterface
    public interface Commands {
        int run(List<String> args, Path cwd, InputStream in, OutputStream out, OutputStream err,
                Map<String, String> env, boolean terminal);
    }

    private final HelperSlot slot;
    private final Commands commands;
    private final Path cwd = Path.of("").toAbsolutePath();
    private final Map<String, String> env = System.getenv();
    private final Optional<Path> jar;
    private final Optional<String> jarStamp;
    private final long idleMillis;
    private final PrintStream log;
    private volatile long lastActive = System.nanoTime();
    private volatile long serving; // the launcher's pid while a call is served, 0 between calls
    private String stopping;
    private volatile boolean leaving;
    private int served;
    private FileLock held;

    private ResidentHelper(HelperSlot slot, Commands commands, PrintStream log) {
        this.slot = slot;
        this.commands = commands;
        this.log = log;
        String classPath = System.getProperty("java.class.path", "");
        this.jar = classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
                ? Optional.of(Path.of(classPath).toAbsolutePath()) : Optional.empty();
        this.jarStamp = jar.map(ResidentHelper::stamp);
        this.idleMillis = idleSeconds(env.get("PROGY_HELPER_IDLE")) * 1000L;
    }

    static long idleSeconds(String said) {
        try {
            return said == null || said.isBlank() ? 600 : Math.max(1, Long.parseLong(said.strip()));
        } catch (NumberFormatException e) {
            return 600;
        }
    }

    /**
     * Serves calls until it stops; returns the process's exit code. What it does goes to {@code log} (its stderr,
     * which the command that started it points at the folder's {@code helper.log}).
     */
    public static int serve(Path folder, Commands commands, PrintStream log) {
        HelperSlot slot = new HelperSlot(folder);
        try {
            if (!slot.ownFolder()) {
                log.println("not started: " + folder + " is not a folder of this user's with mode 700");
                return 1;
            }
            FileChannel guard = FileChannel.open(folder.resolve("helper.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock held = guard.tryLock();
            if (held == null) {
                log.println("not started: another helper serves " + folder);
                return 0;
            }
            for (Path stale : List.of(slot.pid(), slot.calls(), slot.reply(), slot.lock())) {
                Files.deleteIfExists(stale);
            }
            mkfifo(slot.calls());
            mkfifo(slot.reply());
            RandomAccessFile calls = new RandomAccessFile(slot.calls().toFile(), "rw"); // O_RDWR: never EOF
            RandomAccessFile reply = new RandomAccessFile(slot.reply().toFile(), "rw");
            int fd = descriptorOf(slot.calls());
            ResidentHelper helper = new ResidentHelper(slot, commands, log);
            helper.held = held; // kept reachable: a collected channel would close and drop the lock
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!helper.leaving) {
                    log.println(Instant.now() + " stopped by a signal" + (helper.serving != 0 ? " during a call" : ""));
                }
                helper.forget();
            }, "progy-helper-exit"));
            AtomicFiles.write(slot.pid(), ProcessHandle.current().pid() + " " + fd + "\n", AtomicFiles.Durability.CACHE);
            log.println(Instant.now() + " serving " + helper.cwd + " (pid " + ProcessHandle.current().pid() + ")");
            helper.watchdog();
            helper.loop(new BufferedInputStream(new FileInputStream(calls.getFD())), reply);
            return 0;
        } catch (IOException | RuntimeException e) {
            log.println(Instant.now() + " stopped: " + e);
            return 1;
        }
    }

    private void loop(InputStream calls, RandomAccessFile reply) throws IOException {
        while (true) {
            if (stopping != null && take()) {
                leave(stopping);
            }
            HelperCall call;
            try {
                call = HelperCall.read(calls);
            } catch (IOException | RuntimeException e) {
                leave("a call it could not read (" + e.getMessage() + ")");
                return;
            }
            lastActive = System.nanoTime();
            String refused = stopping != null ? stopping : refusal(call);
            if (refused != null) {
                log.println(Instant.now() + " not served (" + String.join(" ", call.args()) + "): " + refused);
                stopping = refused;
                release();
                answer(reply, call.pid(), "again");
                continue;
            }
            serving = call.pid();
            int code = serveOne(call);
            serving = 0;
            lastActive = System.nanoTime();
            served++;
            release();
            answer(reply, call.pid(), Integer.toString(code));
            if (served >= MAX_CALLS) {
                stopping = "served " + MAX_CALLS + " calls";
            } else if (!jarStamp.equals(jar.map(ResidentHelper::stamp))) {
                stopping = jar.orElseThrow() + " changed";
            }
        }
    }

    /** Why this call is not one to serve, or null. */
    private String refusal(HelperCall call) {
        if (!HelperCall.served(call.args())) {
            return "only run and list are served";
        }
        try {
            if (!Files.isSameFile(Path.of(call.pwd()), cwd)) {
                return "called from " + call.pwd() + ", not " + cwd;
            }
        } catch (IOException | RuntimeException e) {
            return "called from " + call.pwd() + ", which cannot be read";
        }
        for (String name : union(call.env(), env)) {
            if (!HelperSlot.IGNORED.contains(name) && !Objects.equals(call.env().get(name), env.get(name))) {
                return "the environment differs (" + name + ")";
            }
        }
        if (!jarStamp.equals(jar.map(ResidentHelper::stamp))) {
            return jar.orElseThrow() + " changed";
        }
        return null;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        return Stream.concat(a.keySet().stream(), b.keySet().stream()).distinct().toList();
    }

    /** Runs the call on the launcher's own terminal and devices; a launcher that goes away stops the helper. */
    private int serveOne(HelperCall call) {
        Optional<ProcessHandle> launcher = ProcessHandle.of(call.pid());
        Optional<Instant> began = launcher.flatMap(p -> p.info().startInstant());
        Thread watch = new Thread(() -> {
            while (serving == call.pid()) {
                boolean alive = launcher.map(ProcessHandle::isAlive).orElse(false)
                        && began.equals(launcher.flatMap(p -> p.info().startInstant()));
                if (!alive && serving == call.pid()) {
                    leave("the caller (pid " + call.pid() + ") went away during " + HelperCall.command(call.args()));
                }
                sleep(20);
            }
        }, "progy-helper-caller");
        watch.setDaemon(true);
        watch.start();
        // the launcher's input and output, copied to 4-6: its 0-2 point at the FIFOs while it calls and waits
        Path fd = Path.of("/proc", Long.toString(call.pid()), "fd");
        try (InputStream in = Files.newInputStream(fd.resolve("4"));
             OutputStream out = Files.newOutputStream(fd.resolve("5"), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             OutputStream err = Files.newOutputStream(fd.resolve("6"), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            int code = commands.run(call.args(), cwd, in, out, err, call.env(), call.terminal());
            log.println(Instant.now() + " served " + HelperCall.command(call.args()) + ": exit " + code);
            return code;
        } catch (IOException | RuntimeException e) {
            log.println(Instant.now() + " failed " + HelperCall.command(call.args()) + ": " + e);
            return 70;
        }
    }

    private void answer(RandomAccessFile reply, long pid, String what) throws IOException {
        reply.write((pid + " " + what + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Takes the launchers' lock: true when no call is under way (or the one under way was abandoned). */
    private boolean take() {
        try {
            Files.createFile(slot.lock());
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            leave("its lock cannot be made (" + e.getMessage() + ")");
            return false;
        }
    }

    private void release() {
        try {
            Files.deleteIfExists(slot.lock());
        } catch (IOException e) {
            leave("its lock cannot be removed (" + e.getMessage() + ")");
        }
    }

    private void watchdog() {
        Thread t = new Thread(() -> {
            Object calls = key(slot.calls());
            while (true) {
                sleep(500);
                if (calls == null || !calls.equals(key(slot.calls())) || !Files.isDirectory(cwd)) {
                    leave("its folder or working folder went away");
                }
                if (serving != 0) {
                    continue;
                }
                if ((System.nanoTime() - lastActive) / 1_000_000 > idleMillis && take()) {
                    leave("unused for " + idleMillis / 1000 + " s");
                }
                if (lockAgeMillis() > STALE_LOCK_MILLIS) {
                    leave("a launcher took the lock and never called");
                }
            }
        }, "progy-helper-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private long lockAgeMillis() {
        try {
            FileTime made = Files.getLastModifiedTime(slot.lock());
            return System.currentTimeMillis() - made.toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the helper: launchers stop finding it first, then its FIFOs go; exit hooks remove what a run left. */
    private synchronized void leave(String why) {
        leaving = true;
        log.println(Instant.now() + " stopped: " + why + " (" + served + " calls served)");
        forget();
        Runtime.getRuntime().exit(serving != 0 ? 130 : 0);
    }

    /** Removes what says a helper is here (also on SIGTERM, which a launcher's Ctrl-C sends). */
    private void forget() {
        for (Path p : List.of(slot.pid(), slot.calls(), slot.reply(), slot.lock())) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a launcher finds no live helper behind what is left and starts a JVM of its own
            }
        }
    }

    private static Object key(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static String stamp(Path jar) {
        try {
            return Files.getLastModifiedTime(jar) + " " + Files.size(jar);
        } catch (IOException e) {
            return "gone";
        }
    }

    private static void mkfifo(Path p) throws IOException {
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "600", p.toString()).redirectErrorStream(true).start();
            String said = new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mk.waitFor() != 0) {
                throw new IOException("mkfifo " + p + " failed: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + p, e);
        }
    }

    /** Which of this process's descriptors holds {@code fifo} open (the launcher's sign that the helper is alive). */
    private static int descriptorOf(Path fifo) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.isSameFile(fd, fifo)) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    // a descriptor closed while listing, or not a file: not ours
                }
            }
        }
        throw new IOException("no descriptor of this process holds " + fifo);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
