package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.progy.spi.Leftover;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What runs left on a Docker Engine, found by the labels every container, network, volume and image of Progy
 * carries: containers, networks and volumes whose run's JVM ({@value SandboxPolicy#LABEL_PID} on
 * {@value SandboxPolicy#LABEL_HOST}) is gone from this machine, and course images a newer build of the same course
 * replaced. Nothing of a live JVM, of another machine, or without Progy's label is ever listed.
 */
final class EngineLeftovers {

    private static final Map<String, String> MANAGED = Map.of(SandboxPolicy.LABEL_MANAGED, "true");

    private final DockerClient docker;
    private final EngineAddress address;

    EngineLeftovers(DockerClient docker, EngineAddress address) {
        this.docker = docker;
        this.address = address;
    }

    List<Leftover> list(boolean includeImages) {
        // a local socket's clients share this machine's processes, so an unlabelled host can only be this one
        boolean local = address.socket().isPresent();
        List<Leftover> found = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(MANAGED).exec()) {
            over(c.getLabels(), local).ifPresent(why -> found.add(leftover(Leftover.Kind.CONTAINER, c.getId(),
                    c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                    c.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(c.getCreated()), why)));
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(SandboxPolicy.LABEL_MANAGED + "=true"))
                .exec()) {
            over(n.getLabels(), local).ifPresent(why -> found.add(leftover(Leftover.Kind.NETWORK, n.getId(),
                    n.getName(), n.getCreated() == null ? Instant.EPOCH : n.getCreated().toInstant(), why)));
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(SandboxPolicy.LABEL_MANAGED + "=true")).exec().getVolumes();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            over(v.getLabels(), local).ifPresent(why -> found.add(leftover(Leftover.Kind.VOLUME, v.getName(),
                    v.getName(), Instant.EPOCH, why)));
        }
        if (includeImages) {
            found.addAll(replacedImages());
        }
        return List.copyOf(found);
    }

    /**
     * Removes {@code leftovers} of this engine; returns those removed or already gone. A container goes with its
     * anonymous volumes; an image only when no container uses it (the engine refuses otherwise).
     */
    List<Leftover> remove(List<Leftover> leftovers) {
        List<Leftover> removed = new ArrayList<>();
        for (Leftover leftover : leftovers) {
            if (!leftover.engine().equals(DockerEngineAdmin.ENGINE)) {
                continue;
            }
            try {
                switch (leftover.kind()) {
                    case CONTAINER -> docker.removeContainerCmd(leftover.id()).withForce(true).withRemoveVolumes(true).exec();
                    case NETWORK -> docker.removeNetworkCmd(leftover.id()).exec();
                    case VOLUME -> docker.removeVolumeCmd(leftover.id()).exec();
                    // by its tag: an image id with other tags would be refused, and those tags are not ours
                    case IMAGE -> docker.removeImageCmd(leftover.name()).withForce(false).exec();
                    default -> {
                        continue; // Docker has no pods, and its exec sessions go with their containers
                    }
                }
                removed.add(leftover);
            } catch (NotFoundException alreadyGone) {
                removed.add(leftover);
            } catch (RuntimeException refused) {
                // in use, or the engine said no: left out of the answer, and listed again next time
            }
        }
        return List.copyOf(removed);
    }

    /**
     * Course images ({@code progy/<course>:<hash>}, labelled as Progy's) that a newer image of the same course and
     * repository replaced; the repository keeps apart the several images of one course (e.g. its compose services).
     */
    private List<Leftover> replacedImages() {
        Map<String, List<BuiltImage>> byRepository = new LinkedHashMap<>();
        for (Image image : docker.listImagesCmd().withLabelFilter(MANAGED).exec()) {
            String course = image.getLabels() == null ? null : image.getLabels().get(SandboxPolicy.LABEL_COURSE);
            List<String> tags = image.getRepoTags() == null ? List.of() : Arrays.stream(image.getRepoTags())
                    .filter(t -> t.startsWith("progy/") && t.indexOf(':') > 0).toList();
            if (course == null || tags.isEmpty()) {
                continue; // without its course or a tag of ours it is not known to be replaced
            }
            String tag = tags.get(0);
            String repository = tag.substring(0, tag.lastIndexOf(':'));
            byRepository.computeIfAbsent(course + " " + repository, k -> new ArrayList<>())
                    .add(new BuiltImage(image.getId(), tag, course, created(image)));
        }
        List<Leftover> replaced = new ArrayList<>();
        byRepository.values().forEach(images -> {
            images.sort(Comparator.comparing(BuiltImage::created).reversed());
            BuiltImage newest = images.get(0);
            for (BuiltImage older : images.subList(1, images.size())) {
                replaced.add(leftover(Leftover.Kind.IMAGE, older.id(), older.tag(), older.created(),
                        "course " + older.course() + " has a newer image, " + newest.tag()));
            }
        });
        return replaced;
    }

    private record BuiltImage(String id, String tag, String course, Instant created) { }

    /** When the image was built, to the nanosecond (the list gives whole seconds, too coarse for two quick builds). */
    private Instant created(Image image) {
        try {
            return Instant.parse(docker.inspectImageCmd(image.getId()).exec().getCreated());
        } catch (NotFoundException | DateTimeParseException | NullPointerException e) {
            return image.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(image.getCreated());
        }
    }

    private static Optional<String> over(Map<String, String> labels, boolean local) {
        return labels == null ? Optional.empty() : RunOwner.whyOver(labels, local);
    }

    private static Leftover leftover(Leftover.Kind kind, String id, String name, Instant created, String why) {
        return new Leftover(DockerEngineAdmin.ENGINE, kind, id, name, created, why);
    }
}
