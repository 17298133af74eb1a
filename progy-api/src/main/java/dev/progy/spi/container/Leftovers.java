package dev.progy.spi.container;

import dev.progy.spi.Leftover;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs left on an engine, found by the labels everything Progy makes carries: containers, pods, networks and
 * volumes whose run's JVM ({@value SandboxPolicy#LABEL_PID} on {@value SandboxPolicy#LABEL_HOST}) is gone from this
 * machine ({@link RunOwner}), and course images a newer build of the same course replaced. Nothing of a live JVM,
 * of another machine, or without Progy's label is ever listed.
 */
public final class Leftovers {

    /** Removal order: a pod takes its containers along, and a network or volume is in use until they are gone. */
    private static final List<Leftover.Kind> ORDER = List.of(Leftover.Kind.POD, Leftover.Kind.CONTAINER,
            Leftover.Kind.NETWORK, Leftover.Kind.VOLUME, Leftover.Kind.IMAGE);

    private final ContainerEngine engine;
    private final boolean local;

    /**
     * @param local whether the engine is reached on a local socket: its clients share this machine's processes,
     *              so a thing without a host label can only be this machine's
     */
    public Leftovers(ContainerEngine engine, boolean local) {
        this.engine = engine;
        this.local = local;
    }

    /** What is left over, with replaced course images when {@code includeImages}. */
    public List<Leftover> list(boolean includeImages) {
        List<Leftover> found = new ArrayList<>();
        for (ContainerEngine.Labelled t : engine.labelled(SandboxPolicy.LABEL_MANAGED, "true")) {
            RunOwner.whyOver(t.labels(), local).ifPresent(why ->
                    found.add(new Leftover(engine.words().id(), t.kind(), t.id(), t.name(), t.created(), why)));
        }
        if (includeImages) {
            found.addAll(replacedImages());
        }
        return List.copyOf(found);
    }

    /**
     * Removes {@code leftovers} of this engine, pods first; returns those removed or already gone, in the order
     * given. A pod goes with its containers, a container with its anonymous volumes; a network, volume or image
     * only when nothing uses it (the engine refuses otherwise, and it is left out of the answer, to be listed again).
     */
    public List<Leftover> remove(List<Leftover> leftovers) {
        List<Leftover> ours = new ArrayList<>(leftovers.stream()
                .filter(l -> l.engine().equals(engine.words().id()) && ORDER.contains(l.kind())).toList());
        ours.sort(Comparator.comparingInt(l -> ORDER.indexOf(l.kind())));
        List<Leftover> removed = new ArrayList<>();
        for (Leftover leftover : ours) {
            try {
                // an image by its tag: the id may carry other tags, and those are not ours
                String which = leftover.kind() == Leftover.Kind.IMAGE ? leftover.name() : leftover.id();
                if (engine.remove(leftover.kind(), which)) {
                    removed.add(leftover);
                }
            } catch (ContainerEngine.Refused refused) {
                // in use, or the engine said no: left out of the answer, and listed again next time
            }
        }
        return leftovers.stream().filter(removed::contains).toList();
    }

    /**
     * Course images ({@code progy/<course>:<hash>}, labelled as Progy's) that a newer image of the same course and
     * repository replaced; the repository keeps apart the several images of one course (e.g. its compose services).
     */
    private List<Leftover> replacedImages() {
        Map<String, List<Built>> byRepository = new LinkedHashMap<>();
        for (ContainerEngine.LabelledImage image : engine.labelledImages(SandboxPolicy.LABEL_MANAGED, "true")) {
            String course = image.labels().get(SandboxPolicy.LABEL_COURSE);
            List<String> tags = image.tags().stream().map(Leftovers::shortName)
                    .filter(t -> t.startsWith("progy/") && t.indexOf(':') > 0).toList();
            if (course == null || tags.isEmpty()) {
                continue; // without its course or a tag of ours it is not known to be replaced
            }
            String tag = tags.get(0);
            byRepository.computeIfAbsent(course + " " + tag.substring(0, tag.lastIndexOf(':')), k -> new ArrayList<>())
                    .add(new Built(image, tag, course));
        }
        List<Leftover> replaced = new ArrayList<>();
        for (List<Built> images : byRepository.values()) {
            images.sort(Comparator.comparing((Built b) -> b.image().created()).reversed());
            Built newest = images.get(0);
            for (Built older : images.subList(1, images.size())) {
                replaced.add(new Leftover(engine.words().id(), Leftover.Kind.IMAGE, older.image().id(), older.tag(),
                        older.image().created(), "course " + older.course() + " has a newer image, " + newest.tag()));
            }
        }
        return replaced;
    }

    private record Built(ContainerEngine.LabelledImage image, String tag, String course) { }

    /** A tag as Progy names it: Podman keeps a local image as {@code localhost/progy/...}. */
    public static String shortName(String tag) {
        return tag.startsWith("localhost/") ? tag.substring("localhost/".length()) : tag;
    }
}
