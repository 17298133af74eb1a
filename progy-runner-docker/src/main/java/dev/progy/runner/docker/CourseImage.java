package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.progy.ProgyException;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.spi.support.image.CourseImageNames;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which image a {@code docker-file} runner runs in, built from the course's Dockerfile when the engine does not
 * have it yet.
 *
 * <p>The rule: when the course has its Dockerfile (the runner's {@code dockerfile}, default {@code Dockerfile},
 * inside the course's pristine root), the image is {@code progy/<course id>:<first 12 hex of the build context's
 * SHA-256>}, built once and reused while no file of the context changes; the course's {@code image_tag} is not
 * used as a tag, so a course can never shadow a public image name. Without a Dockerfile, an {@code image_tag} in
 * the {@code progy/} namespace is run as it is (a prebuilt image, e.g. the tests' base image); any other
 * {@code image_tag} is refused.
 */
final class CourseImage {

    /** How many of the last build log lines a failed build reports. */
    static final int LOG_TAIL = 40;
    /** What every build log line heard by the listener starts with. */
    static final String PREFIX = "[build] ";

    private final DockerClient docker;
    private final EngineAddress address;
    private final Duration buildTimeout;

    CourseImage(DockerClient docker, EngineAddress address, Duration buildTimeout) {
        this.docker = docker;
        this.address = address;
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
            return prebuilt(spec, dockerfile);
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

    /** Whether the engine has the image {@code tag}. */
    boolean exists(String tag) {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw EngineFailure.of(e, address, "look up the course's image " + tag);
        }
    }

    /**
     * Builds {@code context} with the Dockerfile at {@code dockerfilePath} (relative to it) into {@code tag},
     * labelled as Progy's and the course's, the log streamed to {@code onText}.
     */
    void build(String courseId, BuildContext context, String dockerfilePath, String tag, Map<String, String> args,
               Optional<String> target, Consumer<String> onText) {
        Path tar = null;
        BuildLog log = new BuildLog(onText);
        try {
            tar = Files.createTempFile("progy-build-", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                context.writeTar(out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                try {
                    BuildImageCmd cmd = docker.buildImageCmd().withTarInputStream(in).withDockerfilePath(dockerfilePath)
                            .withTags(Set.of(tag)).withPull(false).withRemove(true).withForcerm(true)
                            .withLabels(Map.of(SandboxPolicy.LABEL_MANAGED, "true",
                                    SandboxPolicy.LABEL_COURSE, courseId));
                    args.forEach(cmd::withBuildArg);
                    target.ifPresent(cmd::withTarget);
                    cmd.exec(log);
                } catch (DockerException answered) {
                    log.failed(answered.getMessage());
                } catch (RuntimeException e) {
                    throw EngineFailure.of(e, address, "build the course's image " + tag);
                }
                boolean done = log.awaitCompletion(buildTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    log.close(); // ends the request: the engine stops the build
                    throw failure("building the course's image took longer than " + buildTimeout.toSeconds()
                            + " s and was stopped", log, dockerfilePath + ", or raise " + DockerRunnerConfig.BUILD_TIMEOUT_KEY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the course folder for the image build", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(log);
            throw new ProgyException("building the course's image was interrupted", "run again");
        } finally {
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // a temp file; the OS clears it
                }
            }
        }
        if (log.engineFailure() != null) {
            throw EngineFailure.of(log.engineFailure(), address, "build the course's image " + tag);
        }
        if (log.error() != null || !exists(tag)) {
            throw failure("building the course's image failed", log, dockerfilePath);
        }
    }

    private static ProgyException failure(String what, BuildLog log, String dockerfile) {
        return new ProgyException(what + (log.error() == null ? "" : ": " + log.error())
                + "\n--- last lines of the build log ---\n" + String.join("\n", log.tail()),
                "fix the course's " + dockerfile + " (the failing step is at the end of the log above)");
    }

    private static void closeQuietly(BuildLog log) {
        try {
            log.close();
        } catch (IOException ignored) {
            // the build is abandoned either way
        }
    }

    /** The build's log as it streams: each line to the listener, the last {@value #LOG_TAIL} kept. */
    private static final class BuildLog extends BuildImageResultCallback {
        private final Consumer<String> onText;
        private final Deque<String> tail = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile String error;
        private volatile RuntimeException engineFailure;

        BuildLog(Consumer<String> onText) {
            this.onText = onText;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                text(item.getStream());
            }
            if (item.isErrorIndicated()) {
                String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                failed(message);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (throwable instanceof DockerException answered) {
                failed(answered.getMessage());
            } else {
                engineFailure = throwable instanceof RuntimeException r ? r : new IllegalStateException(throwable);
            }
            // not super.onError: it keeps the error for awaitCompletion to throw as it is, past our typed errors
            closeQuietly(this);
        }

        synchronized void failed(String message) {
            error = message == null ? "the engine gave no reason" : message.strip();
            text(error + "\n");
        }

        private synchronized void text(String chunk) {
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

        synchronized List<String> tail() {
            return List.copyOf(tail);
        }

        String error() {
            return error;
        }

        RuntimeException engineFailure() {
            return engineFailure;
        }
    }
}
