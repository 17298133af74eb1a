package dev.progy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small Python course written on the spot for the guidance tests: two modules (the first with a completion
 * message), three exercises with Markdown READMEs and solutions, a quiz, and a runner that passes an exercise whose
 * file holds the word {@code solved} (and sleeps a while first when it also holds {@code slow}).
 */
final class GuideCourse {
    static final String README = """
            # First steps

            Write the word *solved* in **exercise.py**, then run `progy run`.

            ## What to do

            1. Open the file.
            2. Type the word.

            - a bullet
            - another bullet

            ```python
            print("solved")
            ```

            See [the docs](https://example.org/docs) for more. **Bold with `code` inside** stays bold.
            """;

    private GuideCourse() { }

    /** Writes the course into {@code dir}, with {@code setupJson} as course.json's {@code setup} (or none when null). */
    static Path write(Path dir, String setupJson) {
        try {
            Files.createDirectories(dir.resolve("runner"));
            Files.writeString(dir.resolve("course.json"), """
                    {
                      "id": "guide-course",
                      "name": "A course that guides",
                      "version": "1.0.0",
                      "runners": [{"id": "py", "type": "process", "command": "python3",
                                   "args": ["runner/check.py", "{{exercise}}"], "timeout_seconds": 20}],
                      "content": {"root": ".", "exercises": "content"},
                      %s
                      "progression": {"mode": "sequential"}
                    }
                    """.formatted(setupJson == null ? "" : "\"setup\": " + setupJson + ","));
            Files.writeString(dir.resolve("runner/check.py"), """
                    import sys, time
                    text = open("content/" + sys.argv[1]).read()
                    if "slow" in text:
                        time.sleep(1.8)
                    if "solved" in text:
                        print("looks solved")
                        sys.exit(0)
                    print("the word solved is missing from " + sys.argv[1])
                    sys.exit(1)
                    """);
            Files.writeString(dir.resolve("SETUP.md"), "# Setting up\n\nInstall **Python 9** first.\n");
            exercise(dir, "01_basics", "01_first");
            exercise(dir, "01_basics", "02_second");
            exercise(dir, "02_more", "01_third");
            Files.writeString(dir.resolve("content/01_basics/info.toml"), """
                    [module]
                    title = "Basics"
                    completion_message = "Basics done: on to more!"

                    [exercises]
                    "01_first" = { title = "First", xp = 20, hints = ["Type the word **solved**."] }
                    "02_second" = { title = "Second", xp = 30 }
                    """);
            Files.writeString(dir.resolve("content/02_more/info.toml"), """
                    [module]
                    title = "More"

                    [exercises]
                    "01_third" = { title = "Third" }
                    """);
            Files.writeString(dir.resolve("content/01_basics/01_first/quiz.json"), """
                    {"title": "Check", "questions": [
                      {"id": "words", "type": "multiple-choice", "question": "Which word passes the exercise?",
                       "options": [{"id": "a", "text": "done", "isCorrect": false},
                                   {"id": "b", "text": "solved", "isCorrect": true}]},
                      {"id": "odd", "type": "true-false", "question": "Is 3 odd?", "correctAnswer": true},
                      {"id": "old", "type": "coding", "language": "cobol", "question": "Print HI in COBOL.",
                       "solutionCode": "DISPLAY 'HI'.", "testCases": [{"input": "", "expectedOutput": "HI"}]}
                    ]}
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void exercise(Path course, String module, String name) throws IOException {
        Path ex = course.resolve("content").resolve(module).resolve(name);
        Files.createDirectories(ex);
        Files.writeString(ex.resolve("README.md"), README);
        Files.writeString(ex.resolve("exercise.py"), "# TODO\n");
        Files.writeString(ex.resolve("test_exercise.py"), "# the runner's own check\n");
        Files.writeString(ex.resolve("solution.py"), "# solved\n");
    }
}
