package dev.progy.cli.resident;

import dev.progy.spi.support.scratch.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The folder a resident helper listens in, the user's own and nobody else's (mode 700): the launcher finds it by the
 * same rule ({@code $XDG_RUNTIME_DIR/progy-helper}, else {@code /tmp/progy-helper-<uid>}) and hands it over as
 * {@code -Dprogy.helper.slot}. What lies in it:
 * <ul>
 *   <li>{@code calls}, a FIFO the launcher writes a call into ({@link HelperCall});</li>
 *   <li>{@code reply}, a FIFO the helper answers on, one line a call: the launcher's pid and the exit code;</li>
 *   <li>{@code lock}, made by the launcher with O_EXCL before it calls and removed by the helper after: one call at
 *       a time, and the helper stops only when it can take it itself;</li>
 *   <li>{@code pid}, the helper's pid and the descriptor it holds {@code calls} open on: the launcher knows the
 *       helper is alive when {@code /proc/<pid>/fd/<fd>} is that FIFO (a reused pid never is);</li>
 *   <li>{@code last}, a digest of the last command's working folder and environment: a helper is started by the
 *       second command in a row with the same ones (a test suite's one-off workspaces start none);</li>
 *   <li>{@code helper.log}, what the helper did (started, served, why it stopped).</li>
 * </ul>
 */
public final class HelperSlot {
    /** How long after a command the next one with the same environment still starts a helper. */
    static final long REPEAT_WITHIN_MILLIS = 10 * 60_000L;
    /**
     * Variables that change between commands without changing what progy does: a shell's own, and the padding
     * hyperfine adds with a new length each run so that the environment's size varies (it would otherwise make every
     * timed command a JVM of its own). A served command still gets the caller's environment as it is.
     */
    static final Set<String> IGNORED = Set.of("OLDPWD", "_", "PWD", "SHLVL", "HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    final Path dir;

    HelperSlot(Path dir) {
        this.dir = dir;
    }

    Path calls() {
        return dir.resolve("calls");
    }

    Path reply() {
        return dir.resolve("reply");
    }

    Path lock() {
        return dir.resolve("lock");
    }

    Path pid() {
        return dir.resolve("pid");
    }

    Path last() {
        return dir.resolve("last");
    }

    Path log() {
        return dir.resolve("helper.log");
    }

    /**
     * After a command the launcher let start a JVM of its own ({@code progy run} or {@code list}, a launcher that
     * passed {@code -Dprogy.helper.slot}): starts a helper when the previous such command had the same working folder
     * and environment and none is running. Never fails the command: a helper is only ever a speed-up.
     */
    public static void afterCommand(List<String> args, Path cwd, Map<String, String> env) {
        String folder = System.getProperty("progy.helper.slot");
        String launcher = System.getProperty("progy.helper.launcher");
        if (!HelperCall.served(args) || folder == null || launcher == null) {
            return;
        }
        try {
            HelperSlot slot = new HelperSlot(Path.of(folder));
            if (!slot.ownFolder()) {
                return;
            }
            String key = digest(cwd, env);
            long now = System.currentTimeMillis();
            Optional<String> before = slot.readLast();
            if (before.isPresent() && before.get().startsWith(key + " ")
                    && now - Long.parseLong(before.get().substring(key.length() + 1).strip()) < REPEAT_WITHIN_MILLIS
                    && slot.helperPid().isEmpty()) {
                Files.deleteIfExists(slot.last());
                start(slot, Path.of(launcher), cwd);
            } else {
                AtomicFiles.write(slot.last(), key + " " + now + "\n", AtomicFiles.Durability.CACHE);
            }
        } catch (IOException | RuntimeException e) {
            // no helper this time; the command itself is done and said what it had to
        }
    }

    /**
     * The folder the launcher uses for this user with this environment: {@code $XDG_RUNTIME_DIR/progy-helper} when
     * that is a folder of the user's, else {@code /tmp/progy-helper-<uid>}.
     */
    public static HelperSlot forUser(Map<String, String> env) {
        try {
            Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            String runtime = env.get("XDG_RUNTIME_DIR");
            if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                    && Files.getAttribute(Path.of(runtime), "unix:uid").equals(me)) {
                return new HelperSlot(Path.of(runtime, "progy-helper"));
            }
            return new HelperSlot(Path.of("/tmp", "progy-helper-" + me));
        } catch (IOException | RuntimeException e) {
            return new HelperSlot(Path.of("/tmp", "progy-helper-none"));
        }
    }

    /**
     * What {@code progy doctor} says of the helper: off, running (its pid and the folder it serves) or none running.
     * One line, with what to do.
     */
    public static String status(Map<String, String> env) {
        if ("off".equals(env.get("PROGY_HELPER"))) {
            return "off (PROGY_HELPER=off): every command starts a JVM of its own";
        }
        HelperSlot slot = forUser(env);
        Optional<Long> pid = slot.helperPid();
        if (pid.isEmpty()) {
            return "none running; the second `progy run` or `list` in a row from one folder starts one (" + slot.dir + ")";
        }
        String serves;
        try {
            serves = Files.readSymbolicLink(Path.of("/proc", pid.get().toString(), "cwd")).toString();
        } catch (IOException | RuntimeException e) {
            serves = "?";
        }
        return "running (pid " + pid.get() + ") for " + serves + ": serves run and list from there in this environment;"
                + " stops after " + ResidentHelper.idleSeconds(env.get("PROGY_HELPER_IDLE")) + " s unused"
                + " (PROGY_HELPER=off never uses one; its log: " + slot.log() + ")";
    }

    /** Makes the folder (mode 700) if it is missing; true when it is a folder of this user's that only they can use. */
    boolean ownFolder() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another command made it
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return owner.equals(me) && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
    }

    /** The running helper's pid, when {@code pid} names a process that holds this folder's {@code calls} open. */
    Optional<Long> helperPid() {
        try {
            String[] said = Files.readString(pid()).strip().split(" ");
            Path held = Path.of("/proc", said[0], "fd", said[1]);
            return Files.exists(held) && Files.isSameFile(held, calls()) ? Optional.of(Long.parseLong(said[0]))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> readLast() {
        try {
            return Optional.of(Files.readString(last()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Which working folder and environment a command had, as two 64-bit hashes (the environment holds tokens: they are
     * never written down as they are). The variables a shell changes by itself are left out.
     */
    static String digest(Path cwd, Map<String, String> env) {
        StringBuilder text = new StringBuilder(cwd.toString()).append('\0');
        new TreeMap<>(env).forEach((k, v) -> {
            if (!IGNORED.contains(k)) {
                text.append(k).append('=').append(v).append('\0');
            }
        });
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (byte x : bytes) {
            a = (a ^ (x & 0xff)) * 0x100000001b3L;
            b = (b * 31 + (x & 0xff)) ^ (b >>> 29);
        }
        return Long.toHexString(a) + Long.toHexString(b);
    }

    /**
     * Starts the helper through the launcher (so it gets the same Java and options), in a session of its own (a
     * Ctrl-C in the terminal never reaches it), with this command's environment and working folder.
     */
    private static void start(HelperSlot slot, Path launcher, Path cwd) throws IOException {
        Optional<Path> setsid = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                .filter(Files::isExecutable).findFirst();
        if (setsid.isEmpty() || !Files.isExecutable(launcher) || !envPrintsNulSeparated()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(setsid.get().toString(), launcher.toString(), ResidentHelper.COMMAND,
                slot.dir.toString()).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(slot.log().toFile()));
        if (Files.exists(slot.log()) && Files.size(slot.log()) > 256 * 1024) {
            Files.delete(slot.log()); // the log of helpers gone long ago
        }
        pb.start();
    }

    /** Whether this machine's {@code env} has {@code -0} (GNU's does, BusyBox's does not): the launcher's calls need it. */
    private static boolean envPrintsNulSeparated() {
        try {
            Process env = new ProcessBuilder("env", "-0").redirectErrorStream(true).start();
            byte[] out = env.getInputStream().readAllBytes();
            return env.waitFor() == 0 && out.length > 0 && out[out.length - 1] == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
