package dev.progy.spi.support.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service of a course's compose file, as {@link ComposeProject} read and checked it: only what an adapter
 * carries over to the engine, every value already held to the sandbox (no host paths, no added privileges).
 *
 * @param name        the service's name; other services reach it by this name on the run's network
 * @param image       the image to run when the service has no {@link #build()}: it must already be on the
 *                    engine, since no registry is reached; never pulled
 * @param build       how to build the service's image from the course, when the compose file says so; the adapter
 *                    tags the result in its own namespace, never with the compose file's {@code image} name
 * @param entrypoint  the entrypoint in exec form, when the compose file sets one (an empty list clears the
 *                    image's); a string in the file is split into words as compose splits it, never run by a shell
 * @param command     the command in exec form, when the compose file sets one; split like {@link #entrypoint()}
 * @param environment the service's environment: its {@code env_file}s, then its {@code environment}, in that
 *                    order of precedence; nothing of the host's environment
 * @param dependsOn   the services to wait for before this one starts, and how long
 * @param healthcheck the service's health check when the compose file sets or disables one; empty: the image's own
 * @param mounts      named volumes of the run, anonymous volumes and read-only folders or files of the course
 * @param user        the user the service runs as, when set ({@code uid[:gid]} or a name of the image)
 * @param workingDir  the working folder in the container, when set
 */
public record ComposeService(String name, Optional<String> image, Optional<Build> build,
                             Optional<List<String>> entrypoint, Optional<List<String>> command,
                             Map<String, String> environment, List<Dependency> dependsOn,
                             Optional<Healthcheck> healthcheck, List<Mount> mounts, Optional<String> user,
                             Optional<String> workingDir) {

    public ComposeService {
        Objects.requireNonNull(name, "name");
        entrypoint = entrypoint.map(List::copyOf);
        command = command.map(List::copyOf);
        environment = Map.copyOf(environment);
        dependsOn = List.copyOf(dependsOn);
        mounts = List.copyOf(mounts);
    }

    /**
     * A service image built from the course.
     *
     * @param context    the build context, a folder of the course relative to its root, {@code /}-separated
     *                   ({@code .} for the root itself)
     * @param dockerfile the Dockerfile, relative to the context and inside it ({@code Dockerfile} by default)
     * @param args       build arguments ({@code ARG}s of the Dockerfile)
     * @param target     the stage of a multi-stage Dockerfile to build, when set
     */
    public record Build(String context, String dockerfile, Map<String, String> args, Optional<String> target) {
        public Build {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(dockerfile, "dockerfile");
            args = Map.copyOf(args);
        }
    }

    /**
     * A service this one waits for.
     *
     * @param service   the other service's name
     * @param condition what to wait for
     */
    public record Dependency(String service, Condition condition) { }

    /** What a dependent service waits for, as compose's {@code depends_on.condition} names it. */
    public enum Condition {
        /** The service's container has started ({@code service_started}, the default). */
        STARTED,
        /** The service's health check passes ({@code service_healthy}). */
        HEALTHY,
        /** The service ran to its end with exit code 0 ({@code service_completed_successfully}). */
        COMPLETED_SUCCESSFULLY
    }

    /**
     * A health check, in the engine's form.
     *
     * @param test        {@code ["CMD", program, args...]}, {@code ["CMD-SHELL", "a shell command"]} (run by the
     *                    image's shell, as the course wrote it) or {@code ["NONE"]} (disabled, the image's own too)
     * @param interval    time between checks; {@value ComposeProject#DEFAULT_HEALTH_INTERVAL_MS} ms when not set
     *                    (Docker waits 30 s, far too long for an exercise run)
     * @param timeout     how long one check may take
     * @param retries     failed checks in a row that make the service unhealthy
     * @param startPeriod how long failures do not count after the start
     */
    public record Healthcheck(List<String> test, Duration interval, Duration timeout, int retries,
                              Duration startPeriod) {
        public Healthcheck {
            test = List.copyOf(test);
        }

        /** Whether this turns health checks off, the image's own included. */
        public boolean disabled() {
            return test.equals(List.of("NONE"));
        }
    }

    /**
     * Something mounted into the service's container.
     *
     * @param kind     a volume or a folder of the course
     * @param source   {@link Kind#VOLUME}: the volume's name in the compose file's {@code volumes:}, or empty
     *                 for an anonymous volume; {@link Kind#BIND}: a path of the course relative to its root,
     *                 {@code /}-separated, checked to lie inside it
     * @param target   the absolute path in the container
     * @param readOnly whether the container may only read it; always true for {@link Kind#BIND}
     */
    public record Mount(Kind kind, String source, String target, boolean readOnly) {
        public Mount {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (kind == Kind.BIND && !readOnly) {
                throw new IllegalArgumentException("a course folder is mounted read-only: " + source);
            }
        }
    }

    /** Kinds of {@link Mount}. */
    public enum Kind {
        /** A volume the run creates (and removes), named or anonymous. */
        VOLUME,
        /** A folder or file of the course, read-only. */
        BIND
    }
}
