package dev.progy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small courses laid out as courses written for the original Progy were, one per layout the original accepted and a
 * strict reader might not, written from the format description (course-format.md), not copied from any course.
 * Each has a process runner ({@code sh runner/check.sh {{exercise}}}) that passes an exercise once its entry file
 * holds the word {@code DONE}, so that it can be installed, listed and run anywhere {@code sh} is.
 */
public enum OriginalCourses {

    /** A module's info.toml lists an exercise folder that is gone ({@code 01_joins}). */
    STALE_INFO_TOML,
    /** Starters lying directly in a module folder: {@code content/01_hello/exercise.sh}, no exercise folder. */
    SINGLE_FILE,
    /** A course.json with no {@code id}: the id is its name's slug. */
    NO_ID,
    /** The older single {@code runner} object instead of a {@code runners} list. */
    RUNNER_OBJECT,
    /** A quiz.json that is the list of questions itself, in the template's short form. */
    QUIZ_LIST,
    /** Exercise READMEs linking the course's assets from the course root, both ways the original allowed. */
    ASSET_LINKS,
    /** A prerequisite naming a quiz that can never exist (the exercise has no quiz.json). */
    DEAD_PREREQUISITE;

    /** The runner's check, shared by every layout. */
    static final String CHECK = """
            #!/bin/sh
            # passes once the exercise's entry file says DONE
            if grep -q DONE "content/$1"; then echo "done: $1"; exit 0; fi
            echo "not done yet: write DONE in content/$1"; exit 1
            """;

    /** Writes the course into {@code dir} (made if needed) and returns it. */
    public Path writeTo(Path dir) {
        try {
            write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path dir) throws IOException {
        file(dir, "runner/check.sh", CHECK);
        String runners = "\"runners\": [{\"id\": \"sh\", \"command\": \"sh\", \"args\": [\"runner/check.sh\", \"{{exercise}}\"]}]";
        switch (this) {
            case STALE_INFO_TOML -> {
                file(dir, "course.json", "{\"id\": \"stale-toml\", \"name\": \"Stale info.toml\", " + runners + "}");
                file(dir, "content/01_sql/info.toml", """
                        [module]
                        title = "SQL"

                        [exercises]
                        01_select = "Select"
                        01_joins = "Joins"
                        """);
                exercise(dir, "content/01_sql/01_select", "exercise.sh");
            }
            case SINGLE_FILE -> {
                file(dir, "course.json", "{\"id\": \"single-file\", \"name\": \"Single files\", " + runners + "}");
                file(dir, "content/01_hello/README.md", "# Hello\n\nWrite DONE in exercise.sh.\n");
                file(dir, "content/01_hello/exercise.sh", "# your answer here\n");
                file(dir, "content/01_hello/solution.sh", "# DONE\n");
                exercise(dir, "content/02_more/01_again", "exercise.sh");
            }
            case NO_ID -> {
                file(dir, "course.json", "{\"name\": \"SQL Basics: Joins & More!\", " + runners + "}");
                exercise(dir, "content/01_basics/01_hello", "exercise.sh");
            }
            case RUNNER_OBJECT -> {
                file(dir, "course.json", "{\"id\": \"one-runner\", \"title\": \"One runner\", \"runner\": {\"command\":"
                        + " \"sh\", \"args\": [\"runner/check.sh\", \"{{exercise}}\"]}}");
                exercise(dir, "content/01_basics/01_hello", "exercise.sh");
            }
            case QUIZ_LIST -> {
                file(dir, "course.json", "{\"id\": \"quiz-list\", \"name\": \"Quiz list\", " + runners + "}");
                exercise(dir, "content/01_basics/01_hello", "exercise.sh");
                file(dir, "content/01_basics/01_hello/quiz.json", """
                        [
                          {"question": "Which keyword reads rows?", "options": ["SELECT", "DELETE"], "answer": 0},
                          {"question": "SQL is a language", "answer": true}
                        ]
                        """);
            }
            case ASSET_LINKS -> {
                file(dir, "course.json", "{\"id\": \"asset-links\", \"name\": \"Asset links\", " + runners + "}");
                Files.createDirectories(dir.resolve("assets"));
                Files.write(dir.resolve("assets/diagram.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                exercise(dir, "content/01_basics/01_hello", "exercise.sh");
                file(dir, "content/01_basics/01_hello/README.md", """
                        # Hello

                        ![the diagram](../../../assets/diagram.png)
                        ![the same, from the course root](/assets/diagram.png)
                        """);
            }
            case DEAD_PREREQUISITE -> {
                file(dir, "course.json", "{\"id\": \"dead-prerequisite\", \"name\": \"Dead prerequisite\", " + runners + "}");
                exercise(dir, "content/01_basics/01_hello", "exercise.sh");
                exercise(dir, "content/02_next/01_world", "exercise.sh");
                file(dir, "content/02_next/info.toml", """
                        [module]
                        title = "Next"
                        prerequisites = ["quiz:01_basics/01_hello:80"]
                        """);
            }
            default -> throw new IllegalStateException(name());
        }
    }

    private static void exercise(Path dir, String folder, String entry) throws IOException {
        file(dir, folder + "/README.md", "# " + folder.substring(folder.lastIndexOf('/') + 1) + "\n\nWrite DONE in "
                + entry + ".\n");
        file(dir, folder + "/" + entry, "# your answer here\n");
    }

    private static void file(Path dir, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
