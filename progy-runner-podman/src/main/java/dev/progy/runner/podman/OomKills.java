package dev.progy.runner.podman;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many processes the kernel's OOM killer ended in one container's memory cgroup: the {@code oom_kill} count of
 * its {@code memory.events} (cgroups v2) or {@code memory.oom_control} (v1), read from this machine's cgroup file
 * system. Podman marks a container {@code OOMKilled} only when its monitor noticed the kill, and on cgroups v1 (and
 * hybrid hosts such as these VMs) it does not when the killed process was not the container's first one: a check
 * that runs a program in a child, loses the child to the OOM killer and exits 0 would pass. The count tells.
 *
 * <p>Found only where the service's containers are this machine's processes (a local service, rootful or
 * rootless); in a Podman machine or on a remote service there is none, and the runner goes by what Podman says.
 * A cgroup found through a process id must name the container's id, so a pid that means another process here
 * (another pid namespace) is never read.
 */
final class OomKills {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final String V1_FILE = "memory.oom_control";
    private static final String V2_FILE = "memory.events";

    private final Path file;

    private OomKills(Path file) {
        this.file = file;
    }

    /**
     * The counter of container {@code id}, whose first process is {@code pid} on the service's machine (0 when not
     * known); empty when no cgroup of it can be read here.
     */
    static Optional<OomKills> of(String id, long pid) {
        List<Path> candidates = new ArrayList<>();
        if (pid > 0) {
            candidates.addAll(fromProc(pid));
        }
        // the places Podman's cgroup managers (cgroupfs, systemd) put a rootful container's cgroup
        for (String parent : List.of("libpod_parent/libpod-" + id, "machine.slice/libpod-" + id + ".scope")) {
            candidates.add(CGROUP_ROOT.resolve("memory").resolve(parent).resolve(V1_FILE));
            candidates.add(CGROUP_ROOT.resolve(parent).resolve(V2_FILE));
        }
        for (Path candidate : candidates) {
            if (candidate.toString().contains(id)) {
                OomKills counter = new OomKills(candidate);
                if (counter.read().isPresent()) {
                    return Optional.of(counter);
                }
            }
        }
        return Optional.empty();
    }

    /** The memory cgroup files named by {@code /proc/<pid>/cgroup}: the v1 memory hierarchy's first, then v2's. */
    private static List<Path> fromProc(long pid) {
        try {
            return counterFiles(Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** The memory cgroup files named by the lines of a {@code /proc/<pid>/cgroup}: v1's memory hierarchy, then v2. */
    static List<Path> counterFiles(List<String> lines) {
        List<Path> v1 = new ArrayList<>();
        List<Path> v2 = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(":", 3); // hierarchy-id:controllers:path
            if (fields.length < 3 || !fields[2].startsWith("/")) {
                continue;
            }
            String relative = fields[2].substring(1);
            if (List.of(fields[1].split(",")).contains("memory")) {
                v1.add(CGROUP_ROOT.resolve("memory").resolve(relative).resolve(V1_FILE));
            } else if (fields[0].equals("0") && fields[1].isEmpty()) {
                v2.add(CGROUP_ROOT.resolve(relative).resolve(V2_FILE));
            }
        }
        v1.addAll(v2);
        return v1;
    }

    /** The count now; empty once the cgroup is gone (Podman removes it soon after the container stops). */
    OptionalLong read() {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return OptionalLong.of(Long.parseLong(line.substring("oom_kill ".length()).trim()));
                }
            }
        } catch (IOException | SecurityException | NumberFormatException e) {
            // gone, or not ours to read
        }
        return OptionalLong.empty();
    }

    /**
     * How many processes the container's cgroup holds now ({@code cgroup.procs} beside the counter): read here, out
     * of reach of what runs inside; empty when it cannot be read.
     */
    OptionalLong processes() {
        try (Stream<String> lines = Files.lines(file.resolveSibling("cgroup.procs"))) {
            return OptionalLong.of(lines.filter(line -> !line.isBlank()).count());
        } catch (IOException | SecurityException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    /** The file read, for messages and tests. */
    Path file() {
        return file;
    }
}
