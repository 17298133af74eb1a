package dev.progy.spi.container;

import dev.progy.spi.Leftover;
import dev.progy.spi.support.sandbox.RunOwner;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a leftover and how leftovers go, on an engine that is only a list in memory. */
class LeftoversTest {

    /** An engine holding a fixed list of things; removals are noted, and those named in {@code refused} refused. */
    private static final class ListedEngine implements ContainerEngine {
        final List<Labelled> things = new ArrayList<>();
        final List<LabelledImage> images = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> refused = new ArrayList<>();

        @Override
        public EngineWords words() {
            return new EngineWords("listed", "the listed engine", "listed", "listed.build-timeout");
        }

        @Override
        public boolean imageExists(String tag) {
            return false;
        }

        @Override
        public boolean buildImage(ImageBuild build, BuildLog log) {
            return true;
        }

        @Override
        public List<Labelled> labelled(String key, String value) {
            return things.stream().filter(t -> value.equals(t.labels().get(key))).toList();
        }

        @Override
        public List<LabelledImage> labelledImages(String key, String value) {
            return images.stream().filter(i -> value.equals(i.labels().get(key))).toList();
        }

        @Override
        public boolean remove(Leftover.Kind kind, String idOrName) {
            if (refused.contains(idOrName)) {
                throw new Refused("in use", null);
            }
            removed.add(idOrName);
            return true;
        }
    }

    private static Map<String, String> ownedBy(long pid) {
        return Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_HOST, RunOwner.thisHost(),
                SandboxPolicy.LABEL_PID, Long.toString(pid));
    }

    private static long endedPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    @DisplayName("things of a gone JVM are leftovers, those of this live JVM are not; removal goes pods first, skips what the engine refuses, and answers in the order asked")
    void goneRunsOnlyRemovedInOrder() throws Exception {
        long gone = endedPid();
        ListedEngine engine = new ListedEngine();
        engine.things.add(new ContainerEngine.Labelled(Leftover.Kind.VOLUME, "v1", "progy-v", ownedBy(gone), Instant.EPOCH));
        engine.things.add(new ContainerEngine.Labelled(Leftover.Kind.CONTAINER, "c1", "progy-c", ownedBy(gone), Instant.EPOCH));
        engine.things.add(new ContainerEngine.Labelled(Leftover.Kind.POD, "p1", "progy-p", ownedBy(gone), Instant.EPOCH));
        engine.things.add(new ContainerEngine.Labelled(Leftover.Kind.NETWORK, "n1", "progy-n", ownedBy(gone), Instant.EPOCH));
        engine.things.add(new ContainerEngine.Labelled(Leftover.Kind.CONTAINER, "live", "progy-live",
                ownedBy(ProcessHandle.current().pid()), Instant.EPOCH));
        engine.refused.add("n1");
        Leftovers leftovers = new Leftovers(engine, true);

        List<Leftover> found = leftovers.list(false);
        assertThat(found).extracting(Leftover::id).containsExactly("v1", "c1", "p1", "n1");
        assertThat(found).allSatisfy(l -> {
            assertThat(l.engine()).isEqualTo("listed");
            assertThat(l.why()).isEqualTo("its run's process " + gone + " is gone");
        });
        assertThat(leftovers.remove(found)).extracting(Leftover::id).containsExactly("v1", "c1", "p1");
        assertThat(engine.removed).containsExactly("p1", "c1", "v1");
    }

    @Test
    @DisplayName("a course image replaced by a newer build of the same course and repository is a leftover, removed by its tag")
    void replacedImages() {
        ListedEngine engine = new ListedEngine();
        Map<String, String> course = Map.of(SandboxPolicy.LABEL_MANAGED, "true", SandboxPolicy.LABEL_COURSE, "intro");
        engine.images.add(new ContainerEngine.LabelledImage("old", List.of("localhost/progy/intro:aaa"), course,
                Instant.parse("2026-01-01T00:00:00Z")));
        engine.images.add(new ContainerEngine.LabelledImage("new", List.of("progy/intro:bbb"), course,
                Instant.parse("2026-01-02T00:00:00Z")));
        engine.images.add(new ContainerEngine.LabelledImage("web", List.of("progy/intro-web:ccc"), course,
                Instant.parse("2025-01-01T00:00:00Z")));
        Leftovers leftovers = new Leftovers(engine, true);

        assertThat(leftovers.list(false)).isEmpty();
        List<Leftover> images = leftovers.list(true);
        assertThat(images).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(Leftover.Kind.IMAGE);
            assertThat(l.name()).isEqualTo("progy/intro:aaa");
            assertThat(l.why()).isEqualTo("course intro has a newer image, progy/intro:bbb");
        });
        assertThat(leftovers.remove(images)).isEqualTo(images);
        assertThat(engine.removed).containsExactly("progy/intro:aaa");
    }
}
