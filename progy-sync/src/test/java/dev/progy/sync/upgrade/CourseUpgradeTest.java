package dev.progy.sync.upgrade;

import dev.progy.Progy;
import dev.progy.error.ProgyException;
import dev.progy.Workspace;
import dev.progy.spi.RunListener;
import dev.progy.testkit.Folders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrading a student's workspace of the sample Python course from 1.0.0 to a 1.1.0 that changes, adds and removes
 * files, after the student has edited some of the same files.
 */
@DisplayName("Upgrading a workspace to a new course version")
class CourseUpgradeTest {

    private static final String HELLO = "content/01_basics/01_hello/";
    private static final String COND = "content/01_basics/02_conditions/";

    @TempDir
    Path tmp;
    private Progy progy;
    private Path v1;
    private Path v2;

    @BeforeEach
    void twoVersions() throws IOException {
        progy = Progy.builder().build();
        v1 = Folders.copy(Path.of("..", "examples", "python-original").toAbsolutePath().normalize(), tmp.resolve("v1"));
        Files.writeString(v1.resolve("extra.txt"), "a file 1.1.0 drops\n");
        Files.writeString(v1.resolve("kept.txt"), "a file 1.1.0 drops, which the student edits\n");
        v2 = Folders.copy(v1, tmp.resolve("v2"));
        replace(v2.resolve("course.json"), "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        replace(v2.resolve(HELLO + "README.md"), "# ", "# (revised) ");
        // the course fixes the docstring at the top; the student edits the function body below
        replace(v2.resolve(HELLO + "exercise.py"), "\"\"\"Hello, Python: see README.md for the task.\"\"\"",
                "\"\"\"Hello, Python: the task is in README.md.\"\"\"");
        // both change the same line
        replace(v2.resolve(COND + "exercise.py"), "# TODO", "# TODO (1.1.0): read the hints first");
        Files.writeString(v2.resolve(HELLO + "notes.md"), "New notes.\n");
        Files.delete(v2.resolve("extra.txt"));
        Files.delete(v2.resolve("kept.txt"));
    }

    @AfterEach
    void close() {
        progy.close();
    }

    private Workspace studentWorkspace(String name) throws IOException {
        Workspace ws = progy.init(v1.toString(), tmp.resolve(name));
        replace(ws.root().resolve(HELLO + "exercise.py"), "    # TODO: build the greeting with an f-string\n    return \"\"",
                "    return f\"Hello, {name}!\"");
        replace(ws.root().resolve(COND + "exercise.py"), "# TODO", "# my note: check the bands");
        Files.writeString(ws.root().resolve("kept.txt"), "the student's own notes\n");
        return ws;
    }

    @Test
    @DisplayName("a dry run lists what will happen to each file and changes nothing")
    void dryRun() throws IOException {
        Workspace ws = studentWorkspace("ws");
        Map<String, String> before = snapshot(ws.root());

        try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, ws, v2.toString())) {
            assertThat(upgrade.fromVersion()).isEqualTo("1.0.0");
            assertThat(upgrade.toVersion()).isEqualTo("1.1.0");
            assertThat(upgrade.changes()).extracting(c -> c.action() + " " + c.path()).containsExactly(
                    "UPDATE " + HELLO + "README.md",
                    "MERGE " + HELLO + "exercise.py",
                    "ADD " + HELLO + "notes.md",
                    "CONFLICT " + COND + "exercise.py",
                    "UPDATE course.json",
                    "REMOVE extra.txt",
                    "KEEP kept.txt");
            assertThat(upgrade.conflicts()).isTrue();
        }
        assertThat(snapshot(ws.root())).isEqualTo(before);
    }

    @Test
    @DisplayName("applied, it keeps the student's edits, merges the course's changes in, marks conflicts, loses nothing")
    void apply() throws IOException {
        Workspace ws = studentWorkspace("ws");
        assertThat(progy.run(ws, ws.course().exercise("01_basics/01_hello").orElseThrow(), RunListener.NONE).passed()).isTrue();
        String studentCondition = Files.readString(ws.root().resolve(COND + "exercise.py"));

        Workspace upgraded;
        String backup;
        try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, ws, v2.toString())) {
            backup = upgrade.backupFolder();
            upgraded = upgrade.apply();
        }

        Path root = upgraded.root();
        assertThat(upgraded.course().version()).isEqualTo("1.1.0");
        assertThat(root.resolve(HELLO + "exercise.py")).content()
                .contains("the task is in README.md", "return f\"Hello, {name}!\"").doesNotContain("TODO");
        assertThat(root.resolve(HELLO + "README.md")).hasSameTextualContentAs(v2.resolve(HELLO + "README.md"));
        assertThat(root.resolve(HELLO + "notes.md")).hasContent("New notes.");
        assertThat(root.resolve(COND + "exercise.py")).content().contains("<<<<<<< yours", "# my note: check the bands",
                "=======", "# TODO (1.1.0): read the hints first", ">>>>>>> course 1.1.0");
        assertThat(root.resolve("extra.txt")).doesNotExist();
        assertThat(root.resolve("kept.txt")).hasContent("the student's own notes");
        assertThat(root.resolve(backup).resolve("extra.txt")).hasContent("a file 1.1.0 drops");
        assertThat(root.resolve(backup).resolve(COND + "exercise.py")).hasContent(studentCondition);
        assertThat(root.resolve(UpgradeJournal.DIR)).doesNotExist();
        assertThat(progy.progress(upgraded).exercise("01_basics/01_hello").everPassed()).as("progress is kept").isTrue();
        assertThat(root.resolve(".progy/course/" + HELLO + "solution.py")).as("solutions stay out").doesNotExist();
    }

    @Test
    @DisplayName("an upgrade interrupted after some files moved is finished by the next one, with the same result")
    void interrupted() throws IOException {
        Workspace clean = studentWorkspace("clean");
        try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, clean, v2.toString())) {
            upgrade.apply();
        }
        Workspace ws = studentWorkspace("crashed");
        try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, ws, v2.toString())) {
            // what apply() does first, then a "crash" after the first staged file has moved into place
            upgrade.stageOnly();
            UpgradeJournal.Step first = UpgradeJournal.read(ws.root()).orElseThrow().steps.get(0);
            Files.move(UpgradeJournal.staged(ws.root(), first.target()), ws.root().resolve(first.target()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        try (CourseUpgrade resumed = CourseUpgrade.prepare(progy, progy.openWorkspace(ws.root()), "/nowhere")) {
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.toVersion()).isEqualTo("1.1.0");
            resumed.apply();
        }
        Map<String, String> expected = snapshot(tmp.resolve("clean"));
        Map<String, String> actual = snapshot(tmp.resolve("crashed"));
        expected.keySet().removeIf(k -> k.startsWith(".progy/"));
        actual.keySet().removeIf(k -> k.startsWith(".progy/"));
        assertThat(actual).isEqualTo(expected);
        assertThat(progy.openWorkspace(ws.root()).course().version()).isEqualTo("1.1.0");
    }

    @Test
    @DisplayName("a file that is not text is never merged: the student's stays, the new version lands beside it")
    void binaryConflict() throws IOException {
        Files.createDirectories(v1.resolve("assets"));
        Files.createDirectories(v2.resolve("assets"));
        Files.write(v1.resolve("assets/data.bin"), new byte[] {0, 1, 2, 3});
        Files.write(v2.resolve("assets/data.bin"), new byte[] {0, 9, 9, 9});
        Workspace ws = studentWorkspace("ws");
        Files.write(ws.root().resolve("assets/data.bin"), new byte[] {0, 7, 7, 7});

        try (CourseUpgrade upgrade = CourseUpgrade.prepare(progy, ws, v2.toString())) {
            assertThat(upgrade.changes()).filteredOn(c -> c.path().equals("assets/data.bin")).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("assets/data.bin.course-1.1.0"));
            upgrade.apply();
        }
        assertThat(Files.readAllBytes(ws.root().resolve("assets/data.bin"))).containsExactly(0, 7, 7, 7);
        assertThat(Files.readAllBytes(ws.root().resolve("assets/data.bin.course-1.1.0"))).containsExactly(0, 9, 9, 9);
    }

    @Test
    @DisplayName("another course is refused before anything changes")
    void otherCourse() throws IOException {
        Workspace ws = studentWorkspace("ws");
        Path other = Folders.copy(Path.of("..", "examples", "java-basics").toAbsolutePath().normalize(), tmp.resolve("other"));
        Map<String, String> before = snapshot(ws.root());

        assertThatThrownBy(() -> CourseUpgrade.prepare(progy, ws, other.toString()))
                .isInstanceOf(ProgyException.class).hasMessageContaining("holds the course 'java-basics'");
        assertThat(snapshot(ws.root())).isEqualTo(before);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds what the test replaces").contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                out.put(rel, rel.endsWith(".db") ? "" : new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

}
