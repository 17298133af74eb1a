package dev.progy.internal.course;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Prerequisite;
import dev.progy.model.Progression;
import dev.progy.model.QuizQuestion;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A course written for the original Progy")
class CourseReaderTest {

    private static Path root;
    private static Course course;

    @BeforeAll
    static void read() {
        root = Fixtures.course("valid/python-basics");
        course = CourseReader.read(root);
    }

    @Test
    @DisplayName("is valid: validation finds no problem")
    void validates() {
        assertThat(CourseReader.validate(root)).isEmpty();
    }

    @Test
    @DisplayName("takes its name from the `title` alias, its id from the folder and version 1.0.0 by default")
    void header() {
        assertThat(course.name()).isEqualTo("Python Basics");
        assertThat(course.id()).isEqualTo("python-basics");
        assertThat(course.version()).isEqualTo("1.0.0");
        assertThat(course.description()).isEqualTo("Learn Python one small program at a time.");
    }

    @Test
    @DisplayName("has an absolute, normalized root and exercises folder")
    void paths() {
        assertThat(course.root()).isAbsolute().isEqualTo(root.toAbsolutePath().normalize());
        assertThat(course.exercisesDir()).isAbsolute().isEqualTo(course.root().resolve("content"));
        assertThat(CourseReader.read(root.resolve("content/..")).root()).isEqualTo(course.root());
    }

    @Test
    @DisplayName("reads a process runner with every placeholder and the default limits")
    void processRunner() {
        RunnerSpec local = course.defaultRunner();
        assertThat(local).isEqualTo(RunnerSpec.builder("local", RunnerType.PROCESS).name("Local Python").command("python3")
                .args(List.of("runner/run.py", "{{exercise}}", "{{id}}", "{{module}}", "{{dir}}", "{{file}}")).cwd(".").build());
    }

    @Test
    @DisplayName("reads `docker-local` as a docker-file runner, with its own limits")
    void dockerLocalRunner() {
        RunnerSpec docker = course.runner("docker").orElseThrow();
        assertThat(docker).isEqualTo(RunnerSpec.builder("docker", RunnerType.DOCKER_FILE).command("python3")
                .args(List.of("/course/runner/run.py", "{{exercise}}")).cwd("/course").dockerfile("runner/Dockerfile")
                .imageTag("python-basics:1").networkAccess(true)
                .limits(new RunnerSpec.Limits(Duration.ofSeconds(45), 256, 0.5, 64)).build());
    }

    @Test
    @DisplayName("reads a docker-compose runner whose command is one string, as the original wrote it")
    void composeRunner() {
        RunnerSpec compose = course.runner("compose").orElseThrow();
        assertThat(compose.type()).isEqualTo(RunnerType.DOCKER_COMPOSE);
        assertThat(compose.command()).isEqualTo("python3 /app/runner.py {{exercise}}");
        assertThat(compose.args()).isEmpty();
        assertThat(compose.composeFile()).isEqualTo("docker-compose.yml");
        assertThat(compose.serviceToRun()).isEqualTo("tester");
        assertThat(compose.cwd()).isEmpty();
    }

    @Test
    @DisplayName("reads progression and setup")
    void progressionAndSetup() {
        assertThat(course.progression()).isEqualTo(new Progression(Progression.Mode.OPEN, true));
        assertThat(course.setup()).isEqualTo(new Setup(List.of(new Setup.Check("Python 3", "python3 --version")),
                Optional.of("SETUP.md")));
    }

    @Test
    @DisplayName("orders modules by number and titles them from info.toml or from the folder name")
    void modules() {
        assertThat(course.modules()).extracting(CourseModule::dirName)
                .containsExactly("01_basics", "02_more_things", "03_advanced");
        assertThat(course.modules()).extracting(CourseModule::title)
                .containsExactly("Basics", "More things", "Advanced topics");
        CourseModule basics = course.module("01_basics").orElseThrow();
        assertThat(basics.icon()).isEqualTo("snake");
        assertThat(basics.completionMessage()).isEqualTo("You know the basics!");
        assertThat(course.module("02_more_things").orElseThrow().icon()).isEmpty();
    }

    @Test
    @DisplayName("orders exercises as [exercises] lists them (bare numeric keys), unlisted ones after by number")
    void exerciseOrder() {
        assertThat(course.module("01_basics").orElseThrow().exercises()).extracting(Exercise::id)
                .containsExactly("01_basics/02_variables", "01_basics/01_hello", "01_basics/03_functions");
    }

    @Test
    @DisplayName("reads an exercise's table form: title, xp, difficulty, tags and hints")
    void tableForm() {
        Exercise variables = course.exercise("01_basics/02_variables").orElseThrow();
        assertThat(variables.title()).isEqualTo("Variables");
        assertThat(variables.xp()).isEqualTo(30);
        assertThat(variables.difficulty()).isEqualTo("easy");
        assertThat(variables.tags()).containsExactly("syntax", "types");
        assertThat(variables.hints()).containsExactly("Use =", "Names go on the left", "print() shows a value");
        assertThat(variables.entryFile()).isEqualTo("main.py");
        assertThat(variables.solution()).contains("solution/");
        assertThat(variables.quiz()).isEmpty();
    }

    @Test
    @DisplayName("reads an exercise's short form and defaults the rest")
    void shortForm() {
        Exercise hello = course.exercise("01_basics/01_hello").orElseThrow();
        assertThat(hello.title()).isEqualTo("Hello, world");
        assertThat(hello.xp()).isEqualTo(Exercise.DEFAULT_XP);
        assertThat(hello.difficulty()).isEmpty();
        assertThat(hello.tags()).isEmpty();
        assertThat(hello.hints()).isEmpty();
        assertThat(hello.entryFile()).isEqualTo("exercise.py");
        assertThat(hello.relativeEntryFile()).isEqualTo("01_basics/01_hello/exercise.py");
        assertThat(hello.solution()).contains("solution.py");
    }

    @Test
    @DisplayName("finds the entry file by the candidate order, including Java and any exercise.<ext>")
    void entryFiles() {
        assertThat(course.exercise("01_basics/03_functions").orElseThrow().entryFile()).isEqualTo("exercise.java");
        assertThat(course.exercise("02_more_things/01_java_intro").orElseThrow().entryFile()).isEqualTo("Main.java");
        assertThat(course.exercise("02_more_things/02_kotlin_script").orElseThrow().entryFile())
                .isEqualTo("exercise.kts");
        assertThat(course.exercise("03_advanced/01_decorators").orElseThrow().entryFile()).isEqualTo("exercise.py");
    }

    @Test
    @DisplayName("derives titles of unlisted exercises from their folder names")
    void derivedTitles() {
        assertThat(course.exercise("01_basics/03_functions").orElseThrow().title()).isEqualTo("Functions");
        assertThat(course.exercise("02_more_things/02_kotlin_script").orElseThrow().title())
                .isEqualTo("Kotlin script");
    }

    @Test
    @DisplayName("parses module and exercise prerequisites, quiz scores included")
    void prerequisites() {
        assertThat(course.module("03_advanced").orElseThrow().prerequisites()).containsExactly(
                new Prerequisite(Prerequisite.Kind.MODULE, "01_basics", OptionalInt.empty()),
                new Prerequisite(Prerequisite.Kind.QUIZ, "01_basics/01_hello", OptionalInt.of(80)));
        assertThat(course.exercise("03_advanced/01_decorators").orElseThrow().prerequisites()).containsExactly(
                new Prerequisite(Prerequisite.Kind.EXERCISE, "01_basics/02_variables", OptionalInt.empty()));
    }

    @Test
    @DisplayName("loads a quiz with every question type")
    void quiz() {
        var quiz = course.exercise("01_basics/01_hello").orElseThrow().quiz().orElseThrow();
        assertThat(quiz.title()).isEqualTo("Hello quiz");
        assertThat(quiz.description()).isEqualTo("Check what you learned.");
        assertThat(quiz.questions()).extracting(QuizQuestion::type).containsExactly(
                QuizQuestion.Type.MULTIPLE_CHOICE, QuizQuestion.Type.TRUE_FALSE, QuizQuestion.Type.SHORT_ANSWER,
                QuizQuestion.Type.FILL_IN_THE_BLANK, QuizQuestion.Type.CODING, QuizQuestion.Type.MATCHING,
                QuizQuestion.Type.ESSAY);
        QuizQuestion mc = quiz.questions().get(0);
        assertThat(mc.options()).containsExactly(
                new QuizQuestion.Option("a", "print", true, "Right."),
                new QuizQuestion.Option("b", "echo", false, ""));
        assertThat(mc.explanation()).isEqualTo("print writes to standard output.");
        assertThat(quiz.questions().get(1).correctAnswer()).contains(true);
        assertThat(quiz.questions().get(2).acceptedAnswers()).containsExactly(">>>");
        assertThat(quiz.questions().get(2).caseSensitive()).isTrue();
        assertThat(quiz.questions().get(3).caseSensitive()).isFalse();
        QuizQuestion coding = quiz.questions().get(4);
        assertThat(coding.language()).isEqualTo("python");
        assertThat(coding.startingCode()).isEqualTo("name = input()\n");
        assertThat(coding.solutionCode()).isEqualTo("print('Hello, ' + input())\n");
        assertThat(coding.testCases()).containsExactly(new QuizQuestion.TestCase("Ada\n", "Hello, Ada"));
        assertThat(quiz.questions().get(5).pairs()).containsExactly(
                new QuizQuestion.Pair("int", "42"), new QuizQuestion.Pair("str", "'a'"));
        assertThat(quiz.questions().get(6).minWords()).isEqualTo(5);
        assertThat(quiz.questions().get(6).rubric()).isEqualTo("Mentions readability.");
    }
}
