package dev.progy.internal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started course program and every process it made, killed together.
 *
 * <p>{@link ProcessHandle#descendants()} only sees processes whose parents are still alive: a grandchild whose
 * parent died is re-parented to init and drops out of the tree. So on Linux the program is started through
 * {@code setsid}, which makes it the leader of a new session (its pid is the session id and the process group
 * id), and every process it forks stays in that session however its parents die. Killing then means killing
 * the program, its visible descendants, and every live process of the session, found in {@code /proc}, in
 * rounds until a round finds nothing new (a process may fork between being seen and being killed). Without
 * {@code setsid} or {@code /proc} only the visible tree is killed; a program that daemonizes itself may
 * survive there, as it may anywhere by starting a session of its own.
 */
final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final boolean HAS_PROC = Files.isDirectory(PROC.resolve("self"));
    private static final int MAX_ROUNDS = 20;

    /** Runs still going: killed by one shutdown hook when the JVM ends (Ctrl-C, SIGTERM, System.exit). */
    private static final Set<ProcessTree> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private final Process process;
    private final boolean ownSession;

    /**
     * @param process    the started program
     * @param ownSession whether it was started as the leader of its own session (through {@code setsid})
     */
    ProcessTree(Process process, boolean ownSession) {
        this.process = process;
        this.ownSession = ownSession && HAS_PROC;
        // a program in its own session gets no Ctrl-C from the terminal: when progy stops, it must stop it
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProcessTree::kill),
                    "progy-stop-running-exercises"));
        }
        RUNNING.add(this);
    }

    /** The run is over and everything it started has been dealt with. */
    void finished() {
        RUNNING.remove(this);
    }

    /** Kills the program and everything it started, now (SIGKILL: a runaway program gets no say). */
    void kill() {
        List<ProcessHandle> tree = process.descendants().toList(); // before the parent dies and they are orphaned
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (ownSession) {
            killSession(0);
        }
    }

    /**
     * After the program exited by itself: kills what it left running in its session (background jobs that
     * would otherwise outlive the run and hold its output open). Only pids above the program's are looked at,
     * which keeps this to a directory listing in the usual case; a leftover that got a lower pid after pid
     * numbers wrapped around is missed.
     */
    void killLeftovers() {
        if (ownSession) {
            killSession(process.pid());
        }
    }

    private void killSession(long above) {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Long> members = sessionMembers(above);
            if (!killed.addAll(members)) {
                return; // nothing new since the last round: every member has been sent SIGKILL
            }
            for (long pid : members) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Live (not zombie) processes whose session or process group is the program's, with pids above {@code above}. */
    private List<Long> sessionMembers(long above) {
        long leader = process.pid();
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid <= above) {
                    continue;
                }
                String stat;
                try {
                    stat = new String(Files.readAllBytes(entry.resolve("stat")), StandardCharsets.US_ASCII);
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
                if (fields.length >= 4 && !fields[0].equals("Z")
                        && (Long.parseLong(fields[2]) == leader || Long.parseLong(fields[3]) == leader)) {
                    members.add(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable or a line not as expected: the visible tree was killed already
        }
        return members;
    }

    private static long pidOf(String name) {
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return name.isEmpty() ? -1 : pid;
    }
}
