package dev.progy.spi.container;

import dev.progy.error.ProgyException;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.spi.support.image.CourseImageNames;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which image a container run runs in, built when the engine does not have it yet — the same rule on every engine.
 *
 * <p>A {@code docker-file} runner: when the course has its Dockerfile (the runner's {@code dockerfile}, default
 * {@code Dockerfile}, inside the course's pristine root), the image is {@code progy/<course id>:<first 12 hex of the
 * build context's SHA-256>}, built once and reused while no file of the context changes; the course's
 * {@code image_tag} is never used as a tag, so a course cannot shadow a public image name. Without a Dockerfile, an
 * {@code image_tag} in the {@code progy/} namespace runs as it is (a prebuilt image the engine must have); any other
 * is refused.
 *
 * <p>A compose run's services ({@link #forServices}): a service with {@code build} gets an image built from its
 * context and tagged {@code progy/<course>-<service>:<hash>}, the hash covering the context's files, the
 * Dockerfile's path, the build arguments and the target; a service with only {@code image} runs that image as the
 * engine has it — no registry is reachable, so nothing is pulled, and every missing image is reported at once
 * before anything is built or created.
 */
public final class CourseImages {

    private final ContainerEngine engine;
    private final Duration buildTimeout;

    public CourseImages(ContainerEngine engine, Duration buildTimeout) {
        this.engine = engine;
        this.buildTimeout = buildTimeout;
    }

    /** The image tag for a course's name and content hash. */
    public static String tag(String courseId, String contextHash) {
        return CourseImageNames.courseImage(courseId, contextHash);
    }

    /** The tag of a compose service's image built from a context whose hash is {@code contextHash}. */
    public static String serviceTag(String courseId, ComposeService service, String contextHash) {
        ComposeService.Build build = service.build().orElseThrow();
        return CourseImageNames.serviceImage(courseId, service.name(), contextHash, build.dockerfile(), build.args(),
                build.target());
    }

    /**
     * The image to run {@code request} in, built first when missing; build log lines go to {@code onText}, each
     * starting with {@value BuildLog#PREFIX}.
     *
     * @throws ProgyException when the image cannot be had: no Dockerfile and no usable prebuilt image, or a failed build
     */
    public String imageFor(RunRequest request, Consumer<String> onText) {
        RunnerSpec spec = request.runner();
        Path root = request.course().root();
        String dockerfilePath = spec.dockerfile() == null || spec.dockerfile().isBlank() ? "Dockerfile" : spec.dockerfile();
        Path dockerfile = BuildContext.dockerfile(root, dockerfilePath);
        if (!Files.isRegularFile(dockerfile)) {
            String image = prebuilt(spec, dockerfile);
            if (!engine.imageExists(image)) {
                throw new ProgyException("the course's image " + image + " is not on " + engine.words().name(),
                        "build it first, e.g. " + engine.words().command() + " build -t " + image
                                + " . in the course folder");
            }
            return image;
        }
        BuildContext context = BuildContext.of(root);
        String tag = tag(request.course().id(), context.hash());
        if (!engine.imageExists(tag)) {
            build(request.course().id(), context, dockerfilePath, tag, Map.of(), Optional.empty(), onText);
        }
        return tag;
    }

    /**
     * The image of every service of {@code project}, by service name: present ones checked first (all missing ones
     * reported together), then the built ones built when the engine does not have them yet.
     *
     * @throws ProgyException when an image is missing, or a build fails (with the end of its log)
     */
    public Map<String, String> forServices(String courseId, ComposeProject project, Consumer<String> onText) {
        List<String> missing = new ArrayList<>();
        for (ComposeService s : project.services()) {
            if (s.build().isEmpty() && !engine.imageExists(s.image().orElseThrow())) {
                missing.add(s.image().get() + " (service " + s.name() + ")");
            }
        }
        if (!missing.isEmpty()) {
            String command = engine.words().command();
            throw new ProgyException("the compose file " + project.file() + " names images " + engine.words().name()
                    + " does not have: " + String.join(", ", missing) + "; no registry is reachable, so Progy never"
                    + " pulls", "load them into the engine (" + command + " load, or " + command + " pull where a"
                    + " registry is reachable), or give the service a build: from a folder of the course");
        }
        Map<String, String> byService = new LinkedHashMap<>();
        for (ComposeService s : project.services()) {
            if (s.build().isEmpty()) {
                byService.put(s.name(), s.image().orElseThrow());
                continue;
            }
            ComposeService.Build build = s.build().get();
            BuildContext context = BuildContext.of(project.courseRoot().resolve(build.context()).normalize());
            String tag = serviceTag(courseId, s, context.hash());
            if (!engine.imageExists(tag)) {
                build(courseId, context, build.dockerfile(), tag, build.args(), build.target(), onText);
            }
            byService.put(s.name(), tag);
        }
        return byService;
    }

    /**
     * Builds {@code context} with the Dockerfile at {@code dockerfilePath} (relative to it) into {@code tag},
     * labelled as Progy's and {@code courseId}'s, the log streamed to {@code onText}.
     *
     * @throws ProgyException when the build fails or takes too long, with the end of its log
     */
    public void build(String courseId, BuildContext context, String dockerfilePath, String tag,
                      Map<String, String> args, Optional<String> target, Consumer<String> onText) {
        BuildLog log = new BuildLog(onText);
        Map<String, String> labels = Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_COURSE, courseId);
        boolean inTime = engine.buildImage(
                new ContainerEngine.ImageBuild(context, dockerfilePath, tag, labels, args, target, buildTimeout), log);
        if (!inTime) {
            throw failure("building the course's image took longer than " + buildTimeout.toSeconds()
                    + " s and was stopped", log, dockerfilePath + ", or raise " + engine.words().buildTimeoutKey());
        }
        log.end();
        if (log.error() != null || !engine.imageExists(tag)) {
            throw failure("building the course's image failed", log, dockerfilePath);
        }
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

    private static ProgyException failure(String what, BuildLog log, String dockerfile) {
        return new ProgyException(what + (log.error() == null ? "" : ": " + log.error())
                + "\n--- last lines of the build log ---\n" + String.join("\n", log.tail()),
                "fix the course's " + dockerfile + " (the failing step is at the end of the log above)");
    }
}
