package dev.progy;

import dev.progy.internal.quiz.QuizGrader;
import dev.progy.internal.quiz.RunnerCodeExecutor;
import dev.progy.model.Exercise;
import dev.progy.model.Quiz;
import dev.progy.model.QuizGrade;
import dev.progy.model.RunnerType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coding question in a language this machine's quiz grader has no runtime for (here: a shell script) is run by the
 * course's container runner when the course has one, and is otherwise reported as not checked, never as wrong.
 * No container engine runs here, so the run through a course's runner is shown with its process runner on the host
 * runner, a real runner that takes the same request; the SDK's choice of the container runner is shown by its
 * answer when that runner cannot run.
 */
class QuizCodingRunnerTest {

    @TempDir
    Path tmp;

    private Path course(boolean withContainerRunner) throws IOException {
        Path root = tmp.resolve(withContainerRunner ? "with" : "without");
        Path dir = Files.createDirectories(root.resolve("content/01_basics/01_first"));
        Files.writeString(root.resolve("course.json"), """
                {"id": "quiz-course", "name": "Quiz course",
                 "runners": [{"id": "sh", "command": "sh", "args": ["-c", "exit 1"]}%s]}
                """.formatted(withContainerRunner
                ? ", {\"id\": \"container\", \"type\": \"docker-file\", \"command\": \"sh\", \"args\": [\"-c\", \"exit 1\"]}" : ""));
        Files.writeString(dir.resolve("exercise.sh"), "todo\n");
        Files.writeString(dir.resolve("README.md"), "# First\n");
        Files.writeString(root.resolve("Dockerfile"), "FROM progy-base\n");
        Files.writeString(dir.resolve("quiz.json"), """
                {"title": "Shell", "questions": [
                  {"id": "double", "type": "coding", "language": "sh", "question": "Print twice the number read.",
                   "solutionCode": "read x; echo $((x * 2))", "testCases": [{"input": "21", "expectedOutput": "42"}]},
                  {"id": "odd", "type": "true-false", "question": "Is 3 odd?", "correctAnswer": true}
                ]}
                """);
        return root;
    }

    @Test
    @DisplayName("a shell answer is run through a course's runner, in a scratch exercise folder: right when its output is, wrong when not")
    void runByTheCoursesRunner() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course(true).toString(), tmp.resolve("ws"));
            Exercise ex = ws.course().exercise("01_basics/01_first").orElseThrow();
            Quiz quiz = ex.quiz().orElseThrow();
            // the runner the SDK would choose is the course's container runner; the host runner runs the same request
            // for the course's process runner, which it can do on this machine
            QuizGrader grader = new QuizGrader(new RunnerCodeExecutor(() -> progy.runner(RunnerType.PROCESS), ws.course(),
                    ws.course().defaultRunner(), ws.root()));
            QuizGrade right = grader.grade(quiz, Map.of("double", "read x\necho $((x + x))\n", "odd", true));
            assertThat(right.feedback().get(0).checked()).as(right.feedback().get(0).message()).isTrue();
            assertThat(right.feedback().get(0).correct()).as(right.feedback().get(0).message()).isTrue();
            assertThat(right.total()).isEqualTo(2);

            QuizGrade wrong = grader.grade(quiz, Map.of("double", "read x\necho $x\n", "odd", true));
            assertThat(wrong.feedback().get(0).correct()).isFalse();
            assertThat(wrong.feedback().get(0).message()).contains("expected output \"42\" but got \"21\"");
            try (Stream<Path> left = Files.list(ws.root().resolve("content"))) {
                assertThat(left.map(p -> p.getFileName().toString())).as("the scratch folders are gone").containsOnly("01_basics");
            }
        }
    }

    @Test
    @DisplayName("without a container runner it is not checked: neither right nor wrong, and out of the score")
    void notCheckedWithoutOne() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course(false).toString(), tmp.resolve("ws"));
            Exercise ex = ws.course().exercise("01_basics/01_first").orElseThrow();
            QuizGrade grade = progy.gradeQuiz(ws, ex, Map.of("double", "read x\necho $((x + x))\n", "odd", true));
            assertThat(grade.feedback().get(0).checked()).isFalse();
            assertThat(grade.feedback().get(0).message()).startsWith("Not checked here");
            assertThat(grade.total()).isEqualTo(1);
            assertThat(grade.score()).isEqualTo(100);
        }
    }

    @Test
    @DisplayName("with a container runner that cannot run here, it is not checked either, and says why")
    void notCheckedWhenTheRunnerIsUnavailable() throws IOException {
        try (Progy progy = Progy.builder().build()) {
            Workspace ws = progy.init(course(true).toString(), tmp.resolve("ws"));
            Exercise ex = ws.course().exercise("01_basics/01_first").orElseThrow();
            QuizGrade grade = progy.gradeQuiz(ws, ex, Map.of("double", "read x\necho $((x + x))\n", "odd", false));
            assertThat(grade.feedback().get(0).checked()).isFalse();
            assertThat(grade.feedback().get(0).message()).contains("Not checked here", "container");
            assertThat(grade.total()).isEqualTo(1);
            assertThat(grade.passed()).isFalse();
        }
    }
}
