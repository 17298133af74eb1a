package dev.progy.spi.container;

import dev.progy.spi.Leftover;
import dev.progy.spi.support.image.BuildContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls the engine-neutral rules of this package make of a container engine: images (exists, build), and
 * what carries a label (list, remove). Each container adapter implements it over its engine's API and keeps only
 * such calls; which image to build or reuse ({@link CourseImages}), what counts as a leftover ({@link Leftovers})
 * and the order of a compose run's set-up and teardown ({@link ComposeRuns}) are decided here once.
 *
 * <p>Failures: a call the engine cannot answer (not reachable, not permitted) throws the adapter's
 * {@link dev.progy.error.RunnerUnavailableException}, saying which engine and what to do; a removal the engine refuses
 * (in use, being removed) throws {@link Refused}, which the rules here wait out or pass over.
 */
public interface ContainerEngine {

    /** How messages name this engine. */
    EngineWords words();

    /** Whether the engine has the image {@code tag}. */
    boolean imageExists(String tag);

    /**
     * Builds {@code build}, each piece of the engine's log given to {@code log} ({@link BuildLog#text},
     * {@link BuildLog#failed} when the engine reports an error).
     *
     * @return false when the build took longer than {@link ImageBuild#timeout()} and was stopped
     */
    boolean buildImage(ImageBuild build, BuildLog log);

    /** Containers (not a pod's infra container), pods, networks and volumes carrying the label {@code key=value}. */
    List<Labelled> labelled(String key, String value);

    /** Images carrying the label {@code key=value}, each with its build time as exactly as the engine knows it. */
    List<LabelledImage> labelledImages(String key, String value);

    /**
     * Removes one thing: a container with its anonymous volumes, a pod with its containers, an image by its tag
     * (never by an id that other tags share).
     *
     * @return true when it was removed or was already gone; false when the engine has no such kind of thing
     * @throws Refused when the engine says no (in use, being removed by someone else)
     */
    boolean remove(Leftover.Kind kind, String idOrName);

    /**
     * How an engine is named in messages.
     *
     * @param id              the engine's id in {@link Leftover#engine()} and reports, e.g. {@code docker}
     * @param name            the engine as a sentence names it, e.g. {@code the Docker Engine}
     * @param command         its command line tool, e.g. {@code docker}
     * @param buildTimeoutKey the setting that raises the build time limit
     */
    record EngineWords(String id, String name, String command, String buildTimeoutKey) { }

    /**
     * One image build.
     *
     * @param context    the files it is built from
     * @param dockerfile the Dockerfile's path inside the context
     * @param tag        the image's name, always in {@code progy/}
     * @param labels     the image's labels: Progy's and the course's
     * @param args       build arguments
     * @param target     the stage to build, when not the last
     * @param timeout    how long the build may take
     */
    record ImageBuild(BuildContext context, String dockerfile, String tag, Map<String, String> labels,
                      Map<String, String> args, Optional<String> target, Duration timeout) {
        public ImageBuild {
            labels = Map.copyOf(labels);
            args = Map.copyOf(args);
        }
    }

    /** Something on the engine found by its labels. */
    record Labelled(Leftover.Kind kind, String id, String name, Map<String, String> labels, Instant created) {
        public Labelled {
            labels = Map.copyOf(labels);
        }
    }

    /** An image found by its labels: its id, its tags as the engine writes them, its labels, its build time. */
    record LabelledImage(String id, List<String> tags, Map<String, String> labels, Instant created) {
        public LabelledImage {
            tags = List.copyOf(tags);
            labels = Map.copyOf(labels);
        }
    }

    /** The engine refused a removal: the thing is in use, or someone else is removing it. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
