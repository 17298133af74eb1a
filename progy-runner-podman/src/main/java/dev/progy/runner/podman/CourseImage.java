package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.ProgyException;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.spi.support.image.CourseImageNames;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which image a {@code docker-file} runner runs in, built from the course's Dockerfile when the service does not
 * have it yet. The same rule as the Docker runner's: with the course's Dockerfile (the runner's {@code dockerfile},
 * default {@code Dockerfile}, inside the course's pristine root), the image is {@code progy/<course id>:<first 12
 * hex of the build context's SHA-256>}, built once and reused while no file of the context changes; the course's
 * {@code image_tag} is never used as a tag, so a course cannot shadow a public image name. Without a Dockerfile, an
 * {@code image_tag} in the {@code progy/} namespace runs as it is (a prebuilt image); any other is refused.
 */
final class CourseImage {

    /** How many of the last build log lines a failed build reports. */
    static final int LOG_TAIL = 40;
    /** What every build log line heard by the listener starts with. */
    static final String PREFIX = "[build] ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LibpodClient podman;
    private final Duration buildTimeout;

    CourseImage(LibpodClient podman, Duration buildTimeout) {
        this.podman = podman;
        this.buildTimeout = buildTimeout;
    }

    /** The image tag for this course's name and content hash. */
    static String tag(String courseId, String contextHash) {
        return CourseImageNames.courseImage(courseId, contextHash);
    }


    /**
     * The image to run {@code request} in, built first when missing; build log lines go to {@code onText},
     * each starting with {@value #PREFIX}.
     */
    String imageFor(RunRequest request, Consumer<String> onText) {
        RunnerSpec spec = request.runner();
        Path root = request.course().root();
        String dockerfilePath = spec.dockerfile() == null || spec.dockerfile().isBlank() ? "Dockerfile" : spec.dockerfile();
        Path dockerfile = BuildContext.dockerfile(root, dockerfilePath);
        if (!Files.isRegularFile(dockerfile)) {
            String image = prebuilt(spec, dockerfile);
            if (!exists(image)) {
                throw new ProgyException("the course's image " + image + " is not on the Podman service at "
                        + podman.address().uri(), "build it first, e.g. podman build -t " + image
                        + " . in the course folder");
            }
            return image;
        }
        BuildContext context = BuildContext.of(root);
        String tag = tag(request.course().id(), context.hash());
        if (exists(tag)) {
            return tag;
        }
        build(request.course().id(), context, dockerfilePath, tag, Map.of(), Optional.empty(), onText);
        return tag;
    }

    private static String prebuilt(RunnerSpec spec, Path dockerfile) {
        String image = spec.imageTag().orElseThrow(() -> new ProgyException("runner " + spec.id()
                + " is a docker-file runner but the course has no Dockerfile at " + dockerfile,
                "add the Dockerfile to the course, or set the runner's dockerfile to where it is"));
        if (!image.startsWith("progy/")) {
            throw new ProgyException("runner " + spec.id() + " names the image '" + image + "' and the course has no"
                    + " Dockerfile at " + dockerfile + ": only images in the progy/ namespace run as they are, so a"
                    + " course cannot stand in for a public image",
                    "add the Dockerfile to the course (Progy builds and tags it), or tag a prebuilt image progy/<name>");
        }
        return image;
    }

    /** Whether the service has the image {@code tag}. */
    boolean exists(String tag) {
        try {
            return podman.imageExists(tag);
        } catch (LibpodException e) {
            throw EngineFailure.of(e, podman.address(), "look up the course's image " + tag);
        }
    }

    /**
     * Builds {@code context} into {@code tag}, labelled as Progy's and {@code courseId}'s, with build arguments
     * {@code args} and, when set, the stage {@code target}; the log goes to {@code onText} as it streams.
     *
     * @throws ProgyException when the build fails or takes too long, with the end of its log
     */
    void build(String courseId, BuildContext context, String dockerfilePath, String tag, Map<String, String> args,
               Optional<String> target, Consumer<String> onText) {
        BuildLog log = new BuildLog(onText);
        Map<String, String> labels = Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_COURSE, courseId);
        boolean expired;
        try (UnixSocketHttp.Exchange x = args.isEmpty() && target.isEmpty()
                ? podman.build(tag, dockerfilePath, labels, context::writeTar, buildTimeout)
                : podman.build(tag, dockerfilePath, labels, args, target, context::writeTar, buildTimeout)) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(x.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.message(line);
                }
                expired = false;
            } catch (IOException e) {
                expired = x.expired();
                if (!expired) {
                    throw podman.unreachable(e);
                }
            }
        } catch (UnixSocketHttp.DeadlinePassed e) {
            expired = true;
        } catch (LibpodException e) {
            log.failed(e.reason());
            expired = false;
        }
        if (expired) {
            // the closed connection ends the build: Podman drops it once its current step is over
            throw failure("building the course's image took longer than " + buildTimeout.toSeconds()
                    + " s and was stopped", log, dockerfilePath + ", or raise " + PodmanRunnerConfig.BUILD_TIMEOUT_KEY);
        }
        log.end();
        if (log.error() != null || !exists(tag)) {
            throw failure("building the course's image failed", log, dockerfilePath);
        }
    }

    private static ProgyException failure(String what, BuildLog log, String dockerfile) {
        return new ProgyException(what + (log.error() == null ? "" : ": " + log.error())
                + "\n--- last lines of the build log ---\n" + String.join("\n", log.tail()),
                "fix the course's " + dockerfile + " (the failing step is at the end of the log above)");
    }

    /** The build's log as it streams: each line to the listener, the last {@value #LOG_TAIL} kept. */
    private static final class BuildLog {
        private final Consumer<String> onText;
        private final Deque<String> tail = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private String error;

        BuildLog(Consumer<String> onText) {
            this.onText = onText;
        }

        /** One JSON line of the build's answer: {@code {"stream": text}} or {@code {"error": message}}. */
        void message(String json) {
            if (json.isBlank()) {
                return;
            }
            JsonNode m;
            try {
                m = JSON.readTree(json);
            } catch (IOException notJson) {
                text(json + "\n");
                return;
            }
            if (m.hasNonNull("stream")) {
                text(m.get("stream").asText());
            }
            if (m.hasNonNull("error") && !m.get("error").asText().isBlank()) {
                failed(m.get("error").asText());
            }
        }

        void failed(String message) {
            end();
            error = message == null || message.isBlank() ? "the service gave no reason" : message.strip();
            text(error + "\n");
        }

        /** Shows what is left of a last line without its end. */
        void end() {
            if (!partial.isEmpty()) {
                text("\n");
            }
        }

        private void text(String chunk) {
            partial.append(chunk);
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, end).stripTrailing();
                partial.delete(0, end + 1);
                if (line.isEmpty()) {
                    continue;
                }
                tail.addLast(line);
                if (tail.size() > LOG_TAIL) {
                    tail.removeFirst();
                }
                onText.accept(PREFIX + line + "\n");
            }
        }

        List<String> tail() {
            return List.copyOf(tail);
        }

        String error() {
            return error;
        }
    }
}
