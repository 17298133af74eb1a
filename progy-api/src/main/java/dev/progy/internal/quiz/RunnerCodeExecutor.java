package dev.progy.internal.quiz;

import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs coding answers with one of the course's runners, for a language this machine has no runtime for: the course's
 * container runner has the course's own image, where its language is installed. The answer is written to a scratch
 * exercise folder in the workspace's exercises folder (a container run can only see the workspace; the folder is
 * removed afterwards) and started there as {@code sh -c '<interpreter> "$0" < "$1"'} with the file and the input as
 * arguments, never pasted into the shell's text. The run has the runner's sandbox and limits, and no network.
 */
public final class RunnerCodeExecutor implements CodeExecutor {

    /** Marks the scratch folders, so that a leftover of a killed run is recognisable. */
    static final String SCRATCH_PREFIX = "_progy-quiz-";

    private final Supplier<Runner> runner;
    private final Course course;
    private final RunnerSpec spec;
    private final Path workspace;

    /**
     * @param runner    makes the runner of {@code spec}'s type when the first answer needs it
     * @param course    the course
     * @param spec      the course's runner to use (its command and arguments are replaced; its type, image and
     *                  limits are kept)
     * @param workspace the student's workspace
     */
    public RunnerCodeExecutor(Supplier<Runner> runner, Course course, RunnerSpec spec, Path workspace) {
        this.runner = runner;
        this.course = course;
        this.spec = spec;
        this.workspace = workspace;
    }

    @Override
    public boolean supports(String language) {
        return interpreter(language).isPresent();
    }

    @Override
    public Execution run(String language, String code, String stdin, Duration timeout) {
        String interpreter = interpreter(language)
                .orElseThrow(() -> new IllegalArgumentException("no runtime for " + language + " in the course's runner"));
        Path exercises = workspace.resolve(course.root().relativize(course.exercisesDir()));
        Path module = null;
        try {
            // not createTempDirectory: its owner-only mode would hide the answer from a container's user
            module = Files.createDirectory(exercises.resolve(SCRATCH_PREFIX + UUID.randomUUID()));
            Path dir = Files.createDirectory(module.resolve("answer"));
            String file = fileName(language, code);
            Files.writeString(dir.resolve(file), code, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("stdin.txt"), stdin, StandardCharsets.UTF_8);
            String moduleDir = module.getFileName().toString();
            Exercise answer = new Exercise(moduleDir + "/answer", moduleDir, "answer", "quiz answer", 0, "",
                    List.of(), List.of(), List.of(), file, Optional.empty(), Optional.empty());
            RunnerSpec run = spec.toBuilder().command("sh")
                    .args(List.of("-c", interpreter + " \"$0\" < \"$1\" 2>/dev/null", "{{file}}", "{{dir}}/stdin.txt"))
                    .cwd(null).networkAccess(false).networkAllow(List.of()).build();
            RunResult r = runner.get().run(new RunRequest(course, answer, run, workspace, timeout, Map.of()),
                    RunListener.NONE);
            String out = r.output().lines().filter(l -> !l.startsWith("[build] "))
                    .collect(Collectors.joining("\n"));
            if (r.termination() == RunResult.Termination.TIMEOUT) {
                return new Execution(-1, out, true);
            }
            return new Execution(r.exitCode().orElse(r.passed() ? 0 : 1), out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the " + language + " code: " + e.getMessage(), e);
        } finally {
            ScratchFolders.deleteQuietly(module);
        }
    }

    /** The interpreter a course image would have for a language; a compiled language needs more than one step. */
    private static Optional<String> interpreter(String language) {
        String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (lang) {
            case "python", "python3", "py" -> "python3";
            case "javascript", "js", "node", "nodejs" -> "node";
            case "typescript", "ts" -> "npx --no-install tsx";
            case "java" -> "java";
            case "ruby", "rb" -> "ruby";
            case "php" -> "php";
            case "perl" -> "perl";
            case "lua" -> "lua";
            case "r" -> "Rscript";
            case "sh", "shell", "bash" -> "sh";
            case "go", "golang" -> "go run";
            default -> null;
        });
    }

    private static String fileName(String language, String code) {
        String lang = language.trim().toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "java" -> HostCodeExecutor.className(code) + ".java";
            case "go", "golang" -> "main.go";
            case "typescript", "ts" -> "answer.ts";
            case "python", "python3", "py" -> "answer.py";
            case "javascript", "js", "node", "nodejs" -> "answer.js";
            case "ruby", "rb" -> "answer.rb";
            case "sh", "shell", "bash" -> "answer.sh";
            default -> "answer." + lang;
        };
    }
}
