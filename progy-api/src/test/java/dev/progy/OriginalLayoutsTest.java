package dev.progy;

import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;

import dev.progy.internal.course.CourseReader;
import dev.progy.model.Course;
import dev.progy.model.CourseProblem;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.QuizQuestion;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunListener;
import dev.progy.testkit.OriginalCourses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Courses laid out as the original Progy's were open as the original opened them: with warnings, never refused. */
class OriginalLayoutsTest {

    @TempDir
    Path tmp;

    private Path course(OriginalCourses layout) {
        return layout.writeTo(tmp.resolve(layout.name().toLowerCase()));
    }

    private static List<CourseProblem> errors(List<CourseProblem> problems) {
        return problems.stream().filter(CourseProblem::isError).toList();
    }

    @Test
    @DisplayName("an info.toml entry naming a folder that is gone is a warning; the course loads with its other exercises")
    void staleInfoToml() {
        Path root = course(OriginalCourses.STALE_INFO_TOML);
        List<CourseProblem> problems = CourseReader.validate(root);
        assertThat(errors(problems)).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(CourseProblem.Severity.WARNING);
            assertThat(p.file()).isEqualTo("content/01_sql/info.toml");
            assertThat(p.location()).isEqualTo("line 6");
            assertThat(p.message()).contains("\"01_joins\"", "no such exercise folder", "skipped");
        });
        Course course = CourseReader.read(root);
        assertThat(course.exercises()).extracting(Exercise::id).containsExactly("01_sql/01_select");
        assertThat(course.warnings()).isEqualTo(problems);
    }

    @Test
    @DisplayName("a starter lying directly in a module folder is a single-file exercise, id <module>/<file name>, and runs")
    void singleFile() throws IOException {
        Path root = course(OriginalCourses.SINGLE_FILE);
        assertThat(CourseReader.validate(root)).isEmpty();
        Course course = CourseReader.read(root);
        assertThat(course.exercises()).extracting(Exercise::id).containsExactly("01_hello/exercise", "02_more/01_again");
        Exercise single = course.exercises().get(0);
        assertThat(single.singleFile()).isTrue();
        assertThat(single.title()).isEqualTo("Hello");
        assertThat(single.relativeEntryFile()).isEqualTo("01_hello/exercise.sh");
        assertThat(single.solution()).contains("solution.sh");

        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(root.toString(), tmp.resolve("ws"));
            assertThat(ws.entryFile(single)).isEqualTo(tmp.resolve("ws/content/01_hello/exercise.sh"));
            assertThat(tmp.resolve("ws/content/01_hello/solution.sh")).doesNotExist();
            Exercise first = progy.nextExercise(ws).orElseThrow().exercise();
            assertThat(first.id()).isEqualTo("01_hello/exercise");
            assertThat(progy.run(ws, first, RunListener.NONE).status()).isEqualTo(RunResult.Status.FAIL);
            Files.writeString(ws.entryFile(first), "DONE\n");
            assertThat(progy.run(ws, first, RunListener.NONE).status()).isEqualTo(RunResult.Status.PASS);
        }
    }

    @Test
    @DisplayName("a course.json without id gets its name's slug, at install and every read after it, never \"course\"")
    void noId() {
        Path root = course(OriginalCourses.NO_ID);
        assertThat(CourseReader.read(root).id()).isEqualTo("sql-basics-joins-more");
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(root.toString(), tmp.resolve("ws"));
            assertThat(ws.course().id()).isEqualTo("sql-basics-joins-more");
            assertThat(progy.openWorkspace(tmp.resolve("ws")).course().id()).isEqualTo("sql-basics-joins-more");
        }
    }

    @Test
    @DisplayName("another course over an existing workspace is refused and changes nothing; the same course again is fine")
    void otherCourseRefused() throws IOException {
        Path first = course(OriginalCourses.NO_ID);
        Path other = course(OriginalCourses.SINGLE_FILE);
        try (Progy progy = Progy.builder().build()) {
            Path ws = tmp.resolve("ws");
            progy.init(first.toString(), ws);
            String manifest = Files.readString(ws.resolve(Workspace.MANIFEST));
            assertThatThrownBy(() -> progy.init(other.toString(), ws))
                    .isInstanceOf(ProgyException.class)
                    .hasMessageContaining("already the workspace of the course 'sql-basics-joins-more'")
                    .hasMessageContaining("'single-file'");
            assertThat(ws.resolve("content/01_hello")).doesNotExist();
            assertThat(Files.readString(ws.resolve(Workspace.MANIFEST))).isEqualTo(manifest);
            assertThat(progy.init(first.toString(), ws).course().id()).isEqualTo("sql-basics-joins-more");
        }
    }

    @Test
    @DisplayName("the older single `runner` object is the course's one runner")
    void runnerObject() {
        Path root = course(OriginalCourses.RUNNER_OBJECT);
        assertThat(CourseReader.validate(root)).isEmpty();
        Course course = CourseReader.read(root);
        assertThat(course.runners()).extracting(RunnerSpec::id).containsExactly("default");
        assertThat(course.defaultRunner().args()).containsExactly("runner/check.sh", "{{exercise}}");
    }

    @Test
    @DisplayName("a quiz.json that is a list of short-form questions is a quiz: the answer's index marks the right option")
    void quizList() {
        Path root = course(OriginalCourses.QUIZ_LIST);
        assertThat(CourseReader.validate(root)).isEmpty();
        List<QuizQuestion> questions = CourseReader.read(root).exercises().get(0).quiz().orElseThrow().questions();
        assertThat(questions).extracting(QuizQuestion::id).containsExactly("q1", "q2");
        assertThat(questions.get(0).type()).isEqualTo(QuizQuestion.Type.MULTIPLE_CHOICE);
        assertThat(questions.get(0).options()).extracting(QuizQuestion.Option::text, QuizQuestion.Option::correct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SELECT", true),
                        org.assertj.core.groups.Tuple.tuple("DELETE", false));
        assertThat(questions.get(1).type()).isEqualTo(QuizQuestion.Type.TRUE_FALSE);
    }

    @Test
    @DisplayName("README images of the course's assets, relative or from the course root, are fine; one leaving the course is an error")
    void assetLinks() throws IOException {
        Path root = course(OriginalCourses.ASSET_LINKS);
        assertThat(CourseReader.validate(root)).isEmpty();
        Path readme = root.resolve("content/01_basics/01_hello/README.md");
        Files.writeString(readme, Files.readString(readme) + "\n[notes](../../../../notes.md) `[code](../../../../x)`\n");
        assertThat(CourseReader.validate(root)).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("content/01_basics/01_hello/README.md");
            assertThat(p.location()).isEqualTo("line 6");
            assertThat(p.message()).contains("../../../../notes.md", "leads out of the course");
        });
    }

    @Test
    @DisplayName("a prerequisite that can never be met is a warning and is ignored, so it locks nothing")
    void deadPrerequisite() {
        Path root = course(OriginalCourses.DEAD_PREREQUISITE);
        assertThat(CourseReader.validate(root)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(CourseProblem.Severity.WARNING);
            assertThat(p.message()).contains("quiz:01_basics/01_hello", "has no quiz.json", "ignored");
        });
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(root.toString(), tmp.resolve("ws"));
            assertThat(ws.course().warnings()).hasSize(1);
            assertThat(progy.states(ws)).extracting(ExerciseState::locked).containsExactly(false, false);
        }
    }

    @Test
    @DisplayName("keys the format does not know, in course.json, a runner or info.toml, are warnings and the course loads")
    void unknownKeys() throws IOException {
        Path root = course(OriginalCourses.STALE_INFO_TOML);
        Files.writeString(root.resolve("course.json"), "{\"id\": \"k\", \"name\": \"Keys\", \"author\": \"Ada\","
                + " \"runners\": [{\"id\": \"sh\", \"command\": \"sh\", \"timeout\": 5}]}");
        Files.writeString(root.resolve("content/01_sql/info.toml"), """
                [module]
                title = "SQL"
                description = "old field"

                [exercises]
                01_select = { title = "Select", points = 5 }
                """);
        List<CourseProblem> problems = CourseReader.validate(root);
        assertThat(errors(problems)).isEmpty();
        assertThat(problems).extracting(p -> p.file() + " " + p.location() + " " + p.message().substring(0, p.message().indexOf(';')))
                .containsExactlyInAnyOrder(
                        "course.json /author unknown field `author`",
                        "course.json /runners/0/timeout unknown field `timeout`",
                        "content/01_sql/info.toml line 3 [module] unknown key `description`",
                        "content/01_sql/info.toml line 6 exercise \"01_select\": unknown key `points` (did you mean `hints`?)");
        assertThat(CourseReader.read(root).warnings()).hasSize(4);
    }

    @Test
    @DisplayName("a course with no exercise at all is an error, not a course whose every exercise has passed")
    void zeroExercises() throws IOException {
        Path root = tmp.resolve("empty");
        Files.createDirectories(root.resolve("content/01_basics"));
        Files.writeString(root.resolve("course.json"), "{\"name\": \"Empty\", \"runners\": [{\"id\": \"sh\", \"command\": \"sh\"}]}");
        assertThat(errors(CourseReader.validate(root))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("holds no exercise"));
        assertThatThrownBy(() -> CourseReader.read(root)).isInstanceOf(CourseInvalidException.class);
    }

    @Test
    @DisplayName("exercise folders named with ; $( ) or backticks are errors of validation, the rule the runner holds them to")
    void unsafeFolderNames() {
        for (String name : List.of("01_a;b", "01_$(id)", "01_`id`")) {
            Path root = OriginalCourses.NO_ID.writeTo(tmp.resolve("c" + Math.abs(name.hashCode())));
            try {
                Files.move(root.resolve("content/01_basics/01_hello"), root.resolve("content/01_basics/" + name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // the folder is refused, so the course is also left without an exercise
            assertThat(errors(CourseReader.validate(root))).as(name).extracting(CourseProblem::message)
                    .anySatisfy(m -> assertThat(m).contains("\"" + name + "\"", "characters a runner refuses"))
                    .allSatisfy(m -> assertThat(m).containsAnyOf("characters a runner refuses", "holds no exercise"));
        }
    }

    @Test
    @DisplayName("a runner program given by an absolute path or climbing out of the course is refused by validation and by the host runner")
    void runnerProgramOutsideTheCourse() throws IOException {
        Path root = course(OriginalCourses.RUNNER_OBJECT);
        Files.writeString(root.resolve("course.json"), "{\"name\": \"Out\", \"runners\": ["
                + "{\"id\": \"abs\", \"command\": \"/somewhere/outside.sh\"},"
                + "{\"id\": \"up\", \"command\": \"../outside.sh\"},"
                + "{\"id\": \"in\", \"command\": \"runner/check.sh\"},"
                + "{\"id\": \"bare\", \"command\": \"sh\"}]}");
        assertThat(errors(CourseReader.validate(root))).extracting(CourseProblem::location)
                .containsExactly("/runners/0/command", "/runners/1/command");

        Path ok = course(OriginalCourses.SINGLE_FILE);
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(ok.toString(), tmp.resolve("ws"));
            Exercise e = ws.course().exercises().get(0);
            RunnerSpec outside = RunnerSpec.builder("x", ws.course().defaultRunner().type()).command("/bin/sh").build();
            assertThatThrownBy(() -> progy.runUnrecorded(ws, e, outside, RunListener.NONE))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("\"/bin/sh\" is an absolute path outside the course");
        }
    }

    @Test
    @DisplayName("a failed first init leaves no .progy/ and no copied file behind")
    void failedInitLeavesNothing() throws IOException {
        // the archive is sound; the course in it is not (a runner program outside the course), found after unpacking
        Path broken = tmp.resolve("broken");
        OriginalCourses.NO_ID.writeTo(broken);
        Files.writeString(broken.resolve("course.json"), "{\"name\": \"Broken\", \"runners\": [{\"id\": \"x\", \"command\": \"/bin/evil\"}]}");
        Path brokenArchive = tmp.resolve("broken.progy");
        CourseArchive.pack(broken, brokenArchive);
        Path ws = Files.createDirectories(tmp.resolve("fresh"));
        Files.writeString(ws.resolve("mine.txt"), "my own file\n");
        try (Progy progy = Progy.builder().build()) {
            assertThatThrownBy(() -> progy.init(brokenArchive.toString(), ws))
                    .isInstanceOf(CourseInvalidException.class)
                    .hasMessageContaining(brokenArchive.toString());
        }
        try (var files = Files.list(ws)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mine.txt");
        }
    }
}
