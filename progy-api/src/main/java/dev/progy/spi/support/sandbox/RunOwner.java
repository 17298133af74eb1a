package dev.progy.spi.support.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM that made a container (or a network, a volume, a pod), as the {@link SandboxPolicy} labels name it
 * ({@value SandboxPolicy#LABEL_HOST}, {@value SandboxPolicy#LABEL_PID}), and whether it is gone: how
 * {@code progy gc} tells what a crashed run left behind from what a run still on is using.
 *
 * <p>A pid means something only on the machine it came from, so a thing labelled with another host name is
 * never judged. Nothing is judged gone that might be alive: a missing or unreadable pid, or one a live process
 * holds (even an unrelated process that reused it), keeps the thing.
 */
public final class RunOwner {

    private static final String HOST = readHostName();

    private RunOwner() { }

    /** The name of this machine as the {@value SandboxPolicy#LABEL_HOST} label gives it. */
    public static String thisHost() {
        return HOST;
    }

    /**
     * Why the run that made a thing labelled {@code labels} is over — its process is gone from this machine — or
     * empty while it may still be on, or when that cannot be told from here.
     *
     * @param labels              the thing's labels
     * @param unlabelledHostIsThis whether a thing without a {@value SandboxPolicy#LABEL_HOST} label was made on
     *                            this machine: true for an engine reached through a local socket, whose clients
     *                            all share this machine's processes
     */
    public static Optional<String> whyOver(Map<String, String> labels, boolean unlabelledHostIsThis) {
        String host = labels.get(SandboxPolicy.LABEL_HOST);
        if (host == null ? !unlabelledHostIsThis : !host.equals(HOST)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(labels.getOrDefault(SandboxPolicy.LABEL_PID, "").strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid <= 0 || pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("its run's process " + pid + " is gone");
    }

    private static String readHostName() {
        try {
            // the kernel's own name for this machine (or container): no DNS lookup, unlike InetAddress
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException notLinux) {
            // below
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
