package dev.progy.internal.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How host runs are kept apart from the rest of the student's machine. With bubblewrap ({@code bwrap}, Debian's
 * {@code bubblewrap}) a run gets its own PID, IPC, UTS and network namespaces and a mount namespace in which the
 * whole machine is read-only, {@code /tmp} is a fresh private folder open to all, {@code HOME} a private writable
 * folder showing the real one's entries read-only, the workspace's {@code .progy/} and the usual places of keys
 * and tokens are hidden, and only the exercise's folder, the run's output folder, {@code /tmp} and new files in
 * {@code HOME} can be written; none of it outlives the run. A course program therefore cannot see Progy's own process (whose environment holds the student's
 * tokens) nor any other process, cannot reach the network, and cannot change anything but the exercise.
 *
 * <p>Without bubblewrap, runs are not isolated from the student's other processes: {@link #note()} says so in
 * plain words for {@code progy doctor} and the first run of a workspace.
 */
final class HostIsolation {

    /** Places under the home folder that hold keys, tokens or passwords, hidden from course code. */
    private static final List<String> SECRET_PLACES = List.of(".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker",
            ".config/progy", ".config/gh", ".config/gcloud", ".netrc", ".git-credentials", ".pgpass", ".npmrc",
            ".pypirc", ".m2/settings.xml", ".gradle/gradle.properties", ".cargo/credentials.toml");

    private final Optional<Path> bwrap;
    private final String why;

    private HostIsolation(Optional<Path> bwrap, String why) {
        this.bwrap = bwrap;
        this.why = why;
    }

    /** No isolation, for the reason given (shown by {@link #note()}). */
    static HostIsolation none(String why) {
        return new HostIsolation(Optional.empty(), why);
    }

    /** Isolation through this {@code bwrap} program when it works here (tried once), else none with the reason. */
    static HostIsolation probe(Optional<Path> bwrap) {
        if (bwrap.isEmpty()) {
            return none("bubblewrap (bwrap) is not installed");
        }
        List<String> command = new ArrayList<>(List.of(bwrap.get().toString(), "--ro-bind", "/", "/",
                "--proc", "/proc", "--dev", "/dev", "--unshare-pid", "--unshare-net", "--die-with-parent"));
        if (runsAsRoot()) {
            command.addAll(List.of("--cap-drop", "ALL"));
        }
        command.add("true");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readNBytes(4096)).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return none("bubblewrap did not start a sandbox within 10 s");
            }
            if (p.exitValue() != 0) {
                return none("bubblewrap is installed but cannot make a sandbox here"
                        + (said.isEmpty() ? "" : " (" + said.lines().findFirst().orElse("") + ")"));
            }
            return new HostIsolation(bwrap, "");
        } catch (IOException e) {
            return none("bubblewrap could not be started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("the check of bubblewrap was interrupted");
        }
    }

    /** Whether runs are isolated. */
    boolean isolated() {
        return bwrap.isPresent();
    }

    /** What a student should know about host runs here, in one sentence. */
    String note() {
        return isolated()
                ? "host runs are isolated with bubblewrap: own processes and network, the machine read-only, "
                  + "only the exercise's folder writable"
                : "host runs are NOT isolated from your other processes and files (" + why + "): course code runs "
                  + "as you, can read your files and reach the network; "
                  + (why.startsWith("turned off") ? "remove that setting" : "install bubblewrap (e.g. apt install bubblewrap)")
                  + " or use the course's container runner";
    }

    /**
     * The command that runs {@code program} under this isolation.
     *
     * @param program         the program and its arguments
     * @param workspace       the workspace (visible read-only, its {@code .progy/} hidden)
     * @param exerciseDir     the one folder of the workspace course code may write
     * @param outputDir       the run's {@code PROGY_OUTPUT_DIR} (writable)
     * @param cwd             where the program starts
     * @param home            the run's {@code HOME}, if it has one: it becomes a private writable folder in which
     *                        what the real one holds stays readable (but its keys and its {@code .cache})
     * @param network         whether the run may reach the network (the runner asked and the student agreed)
     */
    List<String> wrap(List<String> program, Path workspace, Path exerciseDir, Path outputDir, Path cwd,
                      Optional<Path> home, boolean network) {
        if (bwrap.isEmpty()) {
            return program;
        }
        List<String> c = new ArrayList<>();
        c.add(bwrap.get().toString());
        add(c, "--ro-bind", "/", "/");
        add(c, "--dev", "/dev");
        add(c, "--proc", "/proc");
        add(c, "--perms", "1777");
        add(c, "--tmpfs", "/tmp");
        home.filter(h -> h.isAbsolute() && h.getNameCount() > 0 && Files.isDirectory(h)).ifPresent(h -> privateHome(c, h));
        // the workspace may itself lie under /tmp, which the line above just hid
        add(c, "--ro-bind", workspace.toString(), workspace.toString());
        Path progyDir = workspace.resolve(".progy");
        if (Files.isDirectory(progyDir, LinkOption.NOFOLLOW_LINKS)) {
            add(c, "--tmpfs", progyDir.toString());
        }
        add(c, "--bind", exerciseDir.toString(), exerciseDir.toString());
        add(c, "--bind", outputDir.toString(), outputDir.toString());
        hideSecrets(c);
        c.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (!network) {
            c.add("--unshare-net");
        }
        if (runsAsRoot()) {
            add(c, "--cap-drop", "ALL");
        }
        c.add("--die-with-parent");
        add(c, "--chdir", cwd.toString());
        c.add("--");
        c.addAll(program);
        return c;
    }

    /**
     * A writable {@code HOME} at the same path, so that tools keeping caches there work, without letting course
     * code change the student's own files: a fresh folder in which every entry of the real one is mounted back
     * read-only, except the places of keys and tokens and {@code .cache} (caches start empty).
     */
    private static void privateHome(List<String> c, Path home) {
        add(c, "--tmpfs", home.toString());
        Set<String> hidden = new HashSet<>(Set.of(".cache"));
        SECRET_PLACES.stream().filter(p -> !p.contains("/")).forEach(hidden::add);
        try (Stream<Path> entries = Files.list(home)) {
            for (Path e : (Iterable<Path>) entries.sorted()::iterator) {
                if (hidden.contains(e.getFileName().toString())) {
                    continue;
                }
                if (Files.isSymbolicLink(e)) {
                    add(c, "--symlink", Files.readSymbolicLink(e).toString(), e.toString());
                } else {
                    add(c, "--ro-bind", e.toString(), e.toString());
                }
            }
        } catch (IOException e) {
            // an unreadable home stays empty inside: nothing of it leaks
        }
    }

    private static void hideSecrets(List<String> c) {
        String home = System.getProperty("user.home", "");
        if (home.isEmpty()) {
            return;
        }
        List<Path> places = new ArrayList<>();
        SECRET_PLACES.forEach(p -> places.add(Path.of(home, p)));
        Optional.ofNullable(System.getenv("XDG_CONFIG_HOME")).filter(x -> !x.isBlank())
                .ifPresent(x -> places.add(Path.of(x, "progy")));
        for (Path place : places) {
            if (Files.isDirectory(place, LinkOption.NOFOLLOW_LINKS)) {
                add(c, "--tmpfs", place.toString());
            } else if (Files.isRegularFile(place, LinkOption.NOFOLLOW_LINKS)) {
                add(c, "--ro-bind", "/dev/null", place.toString());
            }
        }
    }

    private static void add(List<String> c, String option, String... values) {
        c.add(option);
        c.addAll(List.of(values));
    }

    /** Root keeps its capabilities inside bubblewrap unless they are dropped (and could then undo the mounts). */
    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
