package dev.progy.internal.course;

import dev.progy.error.CourseInvalidException;
import dev.progy.model.CourseProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.progy.internal.course.ProblemExpectation.assertExactly;
import static dev.progy.internal.course.ProblemExpectation.problem;
import static dev.progy.internal.course.ProblemExpectation.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("A broken course")
class BrokenCoursesTest {

    private static List<CourseProblem> problemsOf(String name) {
        return CourseReader.validate(Fixtures.course("broken/" + name));
    }

    @Test
    @DisplayName("with a JSON syntax error in course.json is reported at the line of the error")
    void badJson() {
        assertExactly(problemsOf("bad-json"),
                problem("course.json", "line 4", "is not valid JSON", "column 20", "expecting comma"));
    }

    @Test
    @DisplayName("breaking course.json's schema gets one plain sentence per violation, at its JSON pointer")
    void schemaViolations() {
        assertExactly(problemsOf("schema-violations"),
                problem("course.json", "/id", "`id` must be a course id", "(found \"has spaces\")"),
                problem("course.json", "/version", "`version` must be a semantic version like 1.2.3 (found \"one\")"),
                problem("course.json", "/runners/0/type",
                        "`type` must be one of process, docker-file, docker-local, docker-compose (found \"dockr\")"),
                problem("course.json", "/runners/0/memory_mb", "`memory_mb` must be a whole number (found \"big\")"),
                problem("course.json", "/runners/1/command", "`command` is required"),
                warning("course.json", "/runners/1/comand", "unknown field `comand` (did you mean `command`?)"),
                problem("course.json", "/runners/2/timeout_seconds", "must be more than 0 (found 0)"),
                problem("course.json", "/progression/mode", "must be one of sequential, open (found \"random\")"),
                problem("course.json", "/runners/1/id", "runner id \"local\" is used twice"),
                problem("course.json", "/runners/0/args/0", "unknown placeholder {{exercize}}",
                        "did you mean {{exercise}}?", "{{exercise}}, {{id}}, {{module}}, {{dir}}, {{file}}"),
                problem("course.json", "/runners/0/args/1", "{dir} is not replaced", "{{dir}}"),
                problem("course.json", "/runners/0/cwd", "\"../outside\" leads outside the course folder"),
                problem("course.json", "/content/exercises", "\"lessons\" does not exist"));
    }

    @Test
    @DisplayName("with an exercise lacking README.md names that exercise folder")
    void missingReadme() {
        assertExactly(problemsOf("missing-readme"),
                warning("content/01_basics/01_hello", "", "README.md is missing"));
    }

    @Test
    @DisplayName("with an exercise lacking an entry file lists the files that would do")
    void missingEntry() {
        assertExactly(problemsOf("missing-entry"),
                problem("content/01_basics/01_hello", "", "no entry file",
                        "exercise.rs, exercise.sql, exercise.py", "exercise.java, Main.java", "any exercise.<ext>"));
    }

    @Test
    @DisplayName("with misnamed module and exercise folders says which pattern they must follow; hidden and tool folders are left alone")
    void misnamedFolders() {
        assertExactly(problemsOf("misnamed-folders"),
                warning("content/basics", "", "module folder \"basics\" is misnamed",
                        "two digits, an underscore and a name, e.g. 01_intro"),
                warning("content/01_ok/hello", "", "exercise folder \"hello\" is misnamed",
                        "two digits, an underscore and a name"));
    }

    @Test
    @DisplayName("with broken info.toml files reports syntax, types, unknown exercises and dangling prerequisites by line")
    void badToml() {
        assertExactly(problemsOf("bad-toml"),
                problem("content/01_syntax/info.toml", "line 3", "is not valid TOML", "expected a value"),
                problem("content/02_types/info.toml", "line 2", "`title` must be text", "(found the number 3)"),
                problem("content/02_types/info.toml", "line 3", "`prerequisites` must be a list of texts"),
                problem("content/02_types/info.toml", "line 6", "`xp` of exercise \"01_one\" must be a whole number",
                        "(found text \"ten\")"),
                problem("content/02_types/info.toml", "line 6",
                        "`difficulty` of exercise \"01_one\" must be one of easy, medium, hard (found \"trivial\")"),
                problem("content/02_types/info.toml", "line 6", "`tags` must be a list of texts"),
                problem("content/02_types/info.toml", "line 7", "exercise \"02_two\" must be a title",
                        "found the number 5"),
                warning("content/02_types/info.toml", "line 8", "[exercises] lists \"03_missing\"",
                        "content/02_types has no such exercise folder"),
                problem("content/03_links/info.toml", "line 2", "\"chapter:01_syntax\" is not understood",
                        "module:<module folder>, exercise:<module>/<exercise> or quiz:<module>/<exercise>[:<min score>]"),
                problem("content/03_links/info.toml", "line 2", "quiz score of 150", "between 0 and 100"),
                warning("content/03_links/info.toml", "line 2", "\"module:01_sintax\" names a module that does not exist",
                        "did you mean \"01_syntax\"?"),
                warning("content/03_links/info.toml", "line 2", "\"quiz:01_syntax/01_a\"", "has no quiz.json"),
                warning("content/03_links/info.toml", "line 5",
                        "\"exercise:01_syntax/09_nope\" names an exercise that does not exist"),
                warning("content/03_links/info.toml", "line 5", "makes 03_links/01_a wait for itself"));
    }

    @Test
    @DisplayName("with broken quizzes reports schema violations, unanswerable questions and duplicate ids (the original's list form loads)")
    void badQuiz() {
        String schema = "content/01_quizzes/01_schema/quiz.json";
        assertExactly(problemsOf("bad-quiz"),
                problem(schema, "/title", "`title` is required"),
                problem(schema, "/questions/0/options", "no option is marked `\"isCorrect\": true`"),
                problem(schema, "/questions/1/id", "question id \"q1\" is used twice"),
                problem(schema, "/questions/1/correctAnswer", "`correctAnswer` is required when `type` is \"true-false\""),
                problem(schema, "/questions/2/type", "`type` must be one of multiple-choice, true-false, short-answer,"
                        + " fill-in-the-blank, coding, matching, essay (found \"multiple-answer\")"),
                problem(schema, "/questions/3/solutionCode", "`solutionCode` is required when `type` is \"coding\""),
                problem("content/01_quizzes/03_syntax/quiz.json", "line 2", "is not valid JSON",
                        "(the list opened at line 2, column 15)"));
    }

    @Test
    @DisplayName("with problems in several files reports all of them, not just the first")
    void manyProblems() {
        assertExactly(problemsOf("many-problems"),
                problem("course.json", "/runners/0/type", "must be one of", "(found \"dockr\")"),
                problem("course.json", "/runners/0/command", "unknown placeholder {{exercize}}"),
                warning("content/bad_module", "", "module folder \"bad_module\" is misnamed"),
                problem("content/01_a/info.toml", "line 1", "is not valid TOML"),
                warning("content/01_a/01_x", "", "README.md is missing"),
                problem("content/02_b/01_y", "", "no entry file"),
                problem("content/02_b/01_y/quiz.json", "/questions/0/options", "no option is marked"));
    }

    @Test
    @DisplayName("cannot be read: the exception lists every problem, file and place included")
    void readThrows() {
        CourseInvalidException e = catchThrowableOfType(CourseInvalidException.class,
                () -> CourseReader.read(Fixtures.course("broken/many-problems")));
        assertThat(e.problems()).hasSize(7).isEqualTo(problemsOf("many-problems"));
        assertThat(e.errors()).hasSize(5);
        assertThat(e.getMessage())
                .contains("is invalid (5 errors)")
                .contains("course.json (/runners/0/type): `type` must be one of")
                .contains("(and 2 warnings: `progy validate` shows every problem)")
                .doesNotContain("README.md is missing");
    }
}
