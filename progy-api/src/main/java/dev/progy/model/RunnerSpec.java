package dev.progy.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a course runs its exercises: one entry of {@code runners[]} in course.json.
 *
 * @param id            selection id
 * @param name          display name (the id when absent)
 * @param type          process, docker-file or docker-compose
 * @param command       the program; may hold placeholders
 * @param args          its arguments; may hold placeholders
 * @param cwd           working folder relative to the course root (process runners), if set
 * @param dockerfile    docker-file runners: path of the Dockerfile ({@code Dockerfile})
 * @param imageTag      docker-file runners: image tag, if set
 * @param networkAccess container runners: whether the exercise may reach the network (false)
 * @param composeFile   docker-compose runners ({@code docker-compose.yml})
 * @param serviceToRun  docker-compose runners ({@code app})
 * @param limits        timeout and resource limits
 * @param networkAllow  container runners with {@code networkAccess}: the only hosts the exercise may reach
 *                      ({@code network_access = { "allow": ["pypi.org", "*.npmjs.org"] }}), through Progy's egress
 *                      proxy; empty when {@code network_access} is {@code true} (everything) or {@code false}
 */
public record RunnerSpec(
        String id,
        String name,
        RunnerType type,
        String command,
        List<String> args,
        Optional<String> cwd,
        String dockerfile,
        Optional<String> imageTag,
        boolean networkAccess,
        String composeFile,
        String serviceToRun,
        Limits limits,
        List<String> networkAllow) {

    public RunnerSpec {
        args = List.copyOf(args);
        networkAllow = List.copyOf(networkAllow);
    }

    /** A runner whose network access, if any, is not limited to named hosts. */
    public RunnerSpec(String id, String name, RunnerType type, String command, List<String> args, Optional<String> cwd,
                      String dockerfile, Optional<String> imageTag, boolean networkAccess, String composeFile,
                      String serviceToRun, Limits limits) {
        this(id, name, type, command, args, cwd, dockerfile, imageTag, networkAccess, composeFile, serviceToRun, limits,
                List.of());
    }

    /** This runner with network access limited to {@code hosts} (host names, {@code *.} wildcards, addresses). */
    public RunnerSpec withNetworkAllow(List<String> hosts) {
        return new RunnerSpec(id, name, type, command, args, cwd, dockerfile, imageTag, !hosts.isEmpty() || networkAccess,
                composeFile, serviceToRun, limits, hosts);
    }

    /** This runner with other limits; everything else, its network allowlist included, kept. */
    public RunnerSpec withLimits(Limits newLimits) {
        return new RunnerSpec(id, name, type, command, args, cwd, dockerfile, imageTag, networkAccess, composeFile,
                serviceToRun, newLimits, networkAllow);
    }

    /** Whether the runner asks for network access to the hosts of {@link #networkAllow()} only. */
    public boolean networkAllowlisted() {
        return networkAccess && !networkAllow.isEmpty();
    }

    /**
     * Per-course limits; defaults 20 s, 512 MiB, 1 CPU, 128 processes, 256 MiB written to disk.
     *
     * @param diskMb how much a container run may write to the exercise folder and {@code $PROGY_OUTPUT_DIR}
     *               (course.json {@code disk_mb}) before it is stopped
     */
    public record Limits(Duration timeout, int memoryMb, double cpus, int pids, int diskMb) {
        /** The default of {@link #diskMb()}: 256 MiB. */
        public static final int DEFAULT_DISK_MB = 256;
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(20), 512, 1.0, 128, DEFAULT_DISK_MB);

        /** Limits with the default disk limit ({@value #DEFAULT_DISK_MB} MiB). */
        public Limits(Duration timeout, int memoryMb, double cpus, int pids) {
            this(timeout, memoryMb, cpus, pids, DEFAULT_DISK_MB);
        }

        /** The same limits with another timeout. */
        public Limits withTimeout(Duration newTimeout) {
            return new Limits(newTimeout, memoryMb, cpus, pids, diskMb);
        }
    }
}
