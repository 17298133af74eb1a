package dev.progy.model;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a course runs its exercises: one entry of {@code runners[]} in course.json. Course loading makes these; code
 * that makes one itself (a test, a tool) uses {@link #builder(String, RunnerType)}, whose defaults are course.json's,
 * so that a field added later does not break it.
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

    /**
     * A builder of a runner with this id and type and course.json's defaults for everything else: name = the id, no
     * command or arguments, no working folder, {@code Dockerfile}, no image tag, no network access,
     * {@code docker-compose.yml}, service {@code app}, {@link Limits#DEFAULT}, no allowlist.
     */
    public static Builder builder(String id, RunnerType type) {
        return new Builder(id, type);
    }

    /** A builder that starts from this runner, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder(id, type).name(name).command(command).args(args).cwd(cwd.orElse(null)).dockerfile(dockerfile)
                .imageTag(imageTag.orElse(null)).networkAccess(networkAccess).composeFile(composeFile)
                .serviceToRun(serviceToRun).limits(limits).networkAllow(networkAllow);
    }

    /** Builds a {@link RunnerSpec}; each setter documents its default (see {@link #builder}). */
    public static final class Builder {
        private final String id;
        private final RunnerType type;
        private String name;
        private String command = "";
        private List<String> args = List.of();
        private @Nullable String cwd;
        private String dockerfile = "Dockerfile";
        private @Nullable String imageTag;
        private boolean networkAccess;
        private String composeFile = "docker-compose.yml";
        private String serviceToRun = "app";
        private Limits limits = Limits.DEFAULT;
        private List<String> networkAllow = List.of();

        private Builder(String id, RunnerType type) {
            this.id = java.util.Objects.requireNonNull(id);
            this.type = java.util.Objects.requireNonNull(type);
            this.name = id;
        }

        /** Display name; default the id. */
        public Builder name(String name) {
            this.name = java.util.Objects.requireNonNull(name);
            return this;
        }

        /** The program, which may hold placeholders; default none. */
        public Builder command(String command) {
            this.command = java.util.Objects.requireNonNull(command);
            return this;
        }

        /** Its arguments, which may hold placeholders; default none. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** Working folder relative to the course root (process runners); null (the default) for none. */
        public Builder cwd(@Nullable String cwd) {
            this.cwd = cwd;
            return this;
        }

        /** Docker-file runners: path of the Dockerfile; default {@code Dockerfile}. */
        public Builder dockerfile(String dockerfile) {
            this.dockerfile = java.util.Objects.requireNonNull(dockerfile);
            return this;
        }

        /** Docker-file runners: the image tag; null (the default) to let the runner name the image. */
        public Builder imageTag(@Nullable String imageTag) {
            this.imageTag = imageTag;
            return this;
        }

        /** Container runners: whether the exercise may reach the network; default false. */
        public Builder networkAccess(boolean networkAccess) {
            this.networkAccess = networkAccess;
            return this;
        }

        /** Docker-compose runners: the compose file; default {@code docker-compose.yml}. */
        public Builder composeFile(String composeFile) {
            this.composeFile = java.util.Objects.requireNonNull(composeFile);
            return this;
        }

        /** Docker-compose runners: the service the exercise runs in; default {@code app}. */
        public Builder serviceToRun(String serviceToRun) {
            this.serviceToRun = java.util.Objects.requireNonNull(serviceToRun);
            return this;
        }

        /** Timeout and resource limits; default {@link Limits#DEFAULT}. */
        public Builder limits(Limits limits) {
            this.limits = java.util.Objects.requireNonNull(limits);
            return this;
        }

        /** The only hosts a container run may reach (see {@link RunnerSpec#networkAllow()}); default none. */
        public Builder networkAllow(List<String> hosts) {
            this.networkAllow = List.copyOf(hosts);
            return this;
        }

        public RunnerSpec build() {
            return new RunnerSpec(id, name, type, command, args, Optional.ofNullable(cwd), dockerfile,
                    Optional.ofNullable(imageTag), networkAccess, composeFile, serviceToRun, limits, networkAllow);
        }
    }

    /** This runner with network access limited to {@code hosts} (host names, {@code *.} wildcards, addresses). */
    public RunnerSpec withNetworkAllow(List<String> hosts) {
        return toBuilder().networkAccess(!hosts.isEmpty() || networkAccess).networkAllow(hosts).build();
    }

    /** This runner with other limits; everything else, its network allowlist included, kept. */
    public RunnerSpec withLimits(Limits newLimits) {
        return toBuilder().limits(newLimits).build();
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
