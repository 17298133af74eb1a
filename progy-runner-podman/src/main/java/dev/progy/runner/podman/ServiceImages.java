package dev.progy.runner.podman;

import dev.progy.ProgyException;
import dev.progy.spi.support.image.BuildContext;
import dev.progy.spi.support.image.CourseImageNames;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The image of each service of a compose run, by the Docker runner's rule, so both engines name the same service
 * image alike. A service with {@code build} gets an image built from its context in the course and tagged
 * {@code progy/<course>-<service>:<hash>}, where the hash covers the context's files, the Dockerfile's path, the
 * build arguments and the target — so a change to any of them builds anew, and a course never names (or shadows)
 * an image outside the {@code progy/} namespace. A service with only {@code image} runs that image as the service
 * has it: no registry is reachable, so nothing is pulled, and every missing image is reported at once before
 * anything is built or created.
 */
final class ServiceImages {

    private final CourseImage images;

    ServiceImages(CourseImage images) {
        this.images = images;
    }

    /** The tag of a service image built from a context whose hash is {@code contextHash}. */
    static String tag(String courseId, ComposeService service, String contextHash) {
        ComposeService.Build build = service.build().orElseThrow();
        return CourseImageNames.serviceImage(courseId, service.name(), contextHash, build.dockerfile(), build.args(),
                build.target());
    }

    /**
     * The image of every service of {@code project}, by service name: present ones checked first (all missing
     * ones reported together), then the built ones built when the service does not have them yet.
     *
     * @throws ProgyException when an image is missing, or a build fails (with the end of its log)
     */
    Map<String, String> resolve(String courseId, ComposeProject project, Consumer<String> onText) {
        List<String> missing = new ArrayList<>();
        for (ComposeService s : project.services()) {
            if (s.build().isEmpty() && !images.exists(s.image().orElseThrow())) {
                missing.add(s.image().get() + " (service " + s.name() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ProgyException("the compose file " + project.file() + " names images the Podman service does"
                    + " not have: " + String.join(", ", missing) + "; no registry is reachable, so Progy never pulls",
                    "load them into Podman (podman load, or podman pull where a registry is reachable), or give the"
                            + " service a build: from a folder of the course");
        }
        Map<String, String> byService = new LinkedHashMap<>();
        for (ComposeService s : project.services()) {
            if (s.build().isEmpty()) {
                byService.put(s.name(), s.image().orElseThrow());
                continue;
            }
            ComposeService.Build build = s.build().get();
            BuildContext context = BuildContext.of(project.courseRoot().resolve(build.context()).normalize());
            String tag = tag(courseId, s, context.hash());
            if (!images.exists(tag)) {
                images.build(courseId, context, build.dockerfile(), tag, build.args(), build.target(), onText);
            }
            byService.put(s.name(), tag);
        }
        return byService;
    }
}
