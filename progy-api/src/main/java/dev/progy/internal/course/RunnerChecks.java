package dev.progy.internal.course;

import dev.progy.error.CourseInvalidException;
import dev.progy.model.CourseProblem;
import dev.progy.spi.support.compose.ComposeProject;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.support.network.EgressRules;
import dev.progy.model.RunnerType;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks on runners the schema cannot express: ids, placeholders, working folder and the files they name. */
final class RunnerChecks {

    /** The placeholders a runner's command and args may use. */
    static final List<String> PLACEHOLDERS = List.of("exercise", "id", "module", "dir", "file");

    private static final Pattern DOUBLE_BRACES = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern SINGLE_BRACES =
            Pattern.compile("(?<!\\{)\\{(" + String.join("|", PLACEHOLDERS) + ")}(?!})");

    private RunnerChecks() {
    }

    static void check(JsonNode json, List<RunnerSpec> runners, Path root, Path file, Problems problems) {
        // runners[] entries keep their index; the older single `runner` object is reported where it is
        boolean list = json.path("runners").isArray();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < runners.size(); i++) {
            RunnerSpec runner = runners.get(i);
            String at = list ? "/runners/" + i : "/runner";
            if (list && !ids.add(runner.id())) {
                problems.add(file, at + "/id", "runner id \"" + runner.id() + "\" is used twice; give every runner"
                        + " its own id");
            }
            placeholders(runner.command(), at + "/command", file, problems);
            for (int a = 0; a < runner.args().size(); a++) {
                placeholders(runner.args().get(a), at + "/args/" + a, file, problems);
            }
            runner.cwd().ifPresent(cwd -> workingFolder(runner, cwd, root, file, at + "/cwd", problems));
            program(runner, root, file, at + "/command", problems);
            allowedHosts(runner, file, at + "/network_access/allow", problems);
            if (runner.type() == RunnerType.DOCKER_FILE) {
                courseFile(root, runner.dockerfile(), "dockerfile", "a docker-file runner builds its image from it",
                        file, at, problems);
            } else if (runner.type() == RunnerType.DOCKER_COMPOSE) {
                courseFile(root, runner.composeFile(), "compose_file", "a docker-compose runner starts its services",
                        file, at, problems);
                composeProject(root, runner, problems);
            }
        }
    }

    /** Each entry of {@code network_access.allow} that is not a host name, a {@code *.} wildcard of one or an address. */
    private static void allowedHosts(RunnerSpec runner, Path file, String at, Problems problems) {
        for (int i = 0; i < runner.networkAllow().size(); i++) {
            String host = runner.networkAllow().get(i);
            try {
                EgressRules.allow(List.of(host));
            } catch (IllegalArgumentException e) {
                problems.add(file, at + "/" + i, "`allow[" + i + "]`: \"" + host + "\" is not a host name (pypi.org),"
                        + " a wildcard of one (*.npmjs.org) or an address");
            }
        }
    }

    /** Every problem of the runner's compose file: what does not parse, and every setting that escapes the sandbox. */
    private static void composeProject(Path root, RunnerSpec runner, Problems problems) {
        Optional<Path> compose = inside(root, runner.composeFile());
        if (compose.isEmpty() || !Files.isRegularFile(compose.get())) {
            return; // reported above
        }
        try {
            ComposeProject.load(root, runner);
        } catch (CourseInvalidException e) {
            for (CourseProblem p : e.problems()) {
                problems.add(p.file(), p.location(), p.message());
            }
        }
    }

    /** {@code relative} resolved against the course root, if it stays inside it. */
    static Optional<Path> inside(Path root, String relative) {
        try {
            Path target = root.resolve(relative).normalize();
            return target.startsWith(root) ? Optional.of(target) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static void placeholders(String value, String pointer, Path file, Problems problems) {
        Matcher m = DOUBLE_BRACES.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                String closest = Spelling.closest(name, PLACEHOLDERS);
                String hint = closest == null ? "" : " (did you mean {{" + closest + "}}?)";
                problems.add(file, pointer, "unknown placeholder {{" + name + "}}" + hint + "; valid placeholders are "
                        + validList());
            }
        }
        Matcher single = SINGLE_BRACES.matcher(value);
        while (single.find()) {
            problems.add(file, pointer, "{" + single.group(1) + "} is not replaced: placeholders take double braces,"
                    + " {{" + single.group(1) + "}}");
        }
    }

    private static String validList() {
        return String.join(", ", PLACEHOLDERS.stream().map(p -> "{{" + p + "}}").toList());
    }

    private static void workingFolder(RunnerSpec runner, String cwd, Path root, Path file, String pointer,
                                      Problems problems) {
        boolean absolute = cwd.startsWith("/") || cwd.startsWith("\\") || isAbsolute(cwd);
        if (absolute) {
            // inside a container an absolute folder is the container's own; on the host it would leave the course
            if (runner.type() == RunnerType.PROCESS) {
                problems.add(file, pointer, "`cwd` \"" + cwd + "\" is an absolute path; a process runner's working"
                        + " folder is relative to the course root, e.g. \".\" or \"runner\"");
            }
            return;
        }
        if (inside(root, cwd).isEmpty()) {
            problems.add(file, pointer, "`cwd` \"" + cwd + "\" leads outside the course folder; use a folder inside"
                    + " the course, e.g. \".\"");
        }
    }

    /**
     * A process runner's program (inside a container an absolute path is the image's own); one with a placeholder
     * is checked when it is filled in, by the host runner, with the same rule.
     */
    private static void program(RunnerSpec runner, Path root, Path file, String pointer, Problems problems) {
        if (runner.type() != RunnerType.PROCESS || runner.command().contains("{{")) {
            return;
        }
        Path cwd = runner.cwd().flatMap(c -> inside(root, c)).orElse(root);
        RunnerProgram.whyRefused(runner.command(), root, cwd).ifPresent(why -> problems.add(file, pointer, why));
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void courseFile(Path root, String relative, String field, String why, Path file, String at,
                                   Problems problems) {
        Optional<Path> target = inside(root, relative);
        if (target.isEmpty()) {
            problems.add(file, at + "/" + field, "`" + field + "` \"" + relative + "\" leads outside the course"
                    + " folder; keep it inside the course");
        } else if (!Files.isRegularFile(target.get())) {
            problems.add(file, at + "/" + field, "`" + field + "`: " + relative + " not found in the course folder ("
                    + why + ")");
        }
    }
}
