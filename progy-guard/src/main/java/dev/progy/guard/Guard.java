package dev.progy.guard;

import dev.progy.CourseInvalidException;
import dev.progy.Progy;
import dev.progy.ProgyException;
import dev.progy.model.Course;
import dev.progy.model.CourseProblem;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.support.ComposeProject;
import dev.progy.spi.support.ComposeService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Course Guard: the publish-time checks of a course, the same from {@code progy guard} and, later, the server.
 * This first slice checks that the course loads and validates, its runners' Dockerfiles ({@link GuardRules}
 * PG-D…), its compose files (everything that escapes the sandbox) and network access; the checks of runner
 * scripts, Markdown, solutions and archive limits come next.
 */
public final class Guard {

    private Guard() { }

    /**
     * Checks the course folder or {@code .progy} archive at {@code course}.
     *
     * @throws ProgyException when {@code course} is neither (nothing to check)
     */
    public static GuardReport check(Path course) {
        if (!Files.exists(course)) {
            throw new ProgyException(course + " does not exist", "give a course folder or a .progy file");
        }
        List<Finding> findings = new ArrayList<>();
        try (Progy progy = Progy.builder().build()) {
            List<CourseProblem> problems = progy.validate(course);
            if (problems.isEmpty()) {
                Course loaded = progy.loadCourse(course);
                Set<String> dockerfiles = runners(loaded.root(), loaded.runners(), findings);
                findings.addAll(CourseScripts.check(loaded.root(), dockerfiles, composeFiles(loaded.runners())));
                findings.addAll(CourseFiles.check(loaded.root(), CourseFiles.Limits.DEFAULT));
                findings.addAll(MarkdownChecks.check(loaded.root()));
                archiveSize(course, findings);
                return new GuardReport(loaded.id(), course.toString(), Silencing.apply(loaded.root(), findings));
            }
            // an invalid course is still checked as far as its course.json can be read: a hostile course is often
            // invalid too, and its author should see every finding at once
            List<RunnerSpec> runners = Files.isDirectory(course) ? RawRunners.read(course) : List.of();
            Set<String> composeFiles = composeFiles(runners);
            for (CourseProblem p : problems) {
                boolean compose = composeFiles.contains(p.file());
                findings.add(new Finding(compose ? GuardRules.COMPOSE_ESCAPE : GuardRules.INVALID_COURSE, p.file(),
                        compose ? composeLine(course, p) : lineOf(p.location()),
                        (compose && !p.location().isEmpty() ? p.location() + ": " : "") + p.message(),
                        compose ? "remove the setting: exercises must run inside the sandbox"
                                : "fix the course; `progy validate` lists the same problems"));
            }
            Set<String> dockerfiles = runners(course, runners.stream().filter(r -> r.type() != RunnerType.DOCKER_COMPOSE).toList(), findings);
            if (Files.isDirectory(course)) {
                findings.addAll(CourseScripts.check(course, dockerfiles, composeFiles));
                findings.addAll(CourseFiles.check(course, CourseFiles.Limits.DEFAULT));
                findings.addAll(MarkdownChecks.check(course));
            }
            archiveSize(course, findings);
            return new GuardReport(course.getFileName().toString(), course.toString(),
                    Files.isDirectory(course) ? Silencing.apply(course, findings) : findings);
        }
    }

    /** The runners' findings; returns the Dockerfiles checked (as course-relative paths). */
    private static Set<String> runners(Path root, List<RunnerSpec> runners, List<Finding> findings) {
        Set<String> dockerfiles = new LinkedHashSet<>();
        for (RunnerSpec r : runners) {
            if (r.networkAccess()) {
                findings.add(new Finding(GuardRules.NETWORK_ACCESS, "course.json", 0, "runner '" + r.id()
                        + "' asks for network access", "if the exercises can do without, drop network_access; "
                        + "otherwise say in the course's README what the network is used for"));
            }
            if (r.type() == RunnerType.DOCKER_FILE) {
                dockerfiles.add(r.dockerfile());
            } else if (r.type() == RunnerType.DOCKER_COMPOSE) {
                compose(root, r, findings, dockerfiles);
            }
        }
        for (String dockerfile : dockerfiles) {
            Path file = root.resolve(dockerfile).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                try {
                    findings.addAll(DockerfileChecks.check(dockerfile, Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    findings.add(new Finding(GuardRules.INVALID_COURSE, dockerfile, 0, "cannot be read: " + e.getMessage(),
                            "check the file"));
                }
            }
        }
        return dockerfiles;
    }

    private static Set<String> composeFiles(List<RunnerSpec> runners) {
        Set<String> out = new HashSet<>();
        runners.stream().filter(r -> r.type() == RunnerType.DOCKER_COMPOSE).forEach(r -> out.add(r.composeFile()));
        return out;
    }

    /** The line of a compose problem's key ({@code services.app.privileged}) in its file; 0 when it cannot be found. */
    private static int composeLine(Path root, CourseProblem p) {
        try {
            Path file = root.resolve(p.file()).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file) || Files.size(file) > ComposeProject.MAX_FILE_BYTES) {
                return 0;
            }
            return DocumentScalars.yaml(Files.readString(file, StandardCharsets.UTF_8)).lineOf(p.location(), p.message()).orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The Dockerfiles of a valid compose runner's built services (what escapes the sandbox failed validation). */
    private static void compose(Path root, RunnerSpec runner, List<Finding> findings, Set<String> dockerfiles) {
        try {
            for (ComposeService service : ComposeProject.load(root, runner).services()) {
                service.build().ifPresent(b -> dockerfiles.add(root.relativize(
                        root.resolve(b.context()).resolve(b.dockerfile()).normalize()).toString().replace('\\', '/')));
            }
        } catch (CourseInvalidException e) {
            for (CourseProblem p : e.problems()) {
                findings.add(new Finding(GuardRules.COMPOSE_ESCAPE, p.file(), composeLine(root, p), p.location() + ": " + p.message(),
                        "remove the setting: exercises must run inside the sandbox"));
            }
        }
    }

    private static void archiveSize(Path course, List<Finding> findings) {
        try {
            long max = CourseFiles.Limits.DEFAULT.maxArchive();
            if (Files.isRegularFile(course) && Files.size(course) > max) {
                findings.add(new Finding(GuardRules.TOO_BIG, course.getFileName().toString(), 0, "the archive is "
                        + Files.size(course) / 1048576 + " MiB, over the " + max / 1048576 + " MiB a course may be",
                        "leave dependencies, build output and big data sets out of the course"));
            }
        } catch (IOException e) {
            // unreadable: validation has said so
        }
    }

    /** The line of a problem located as {@code line 12} or {@code 12}, else 0. */
    private static int lineOf(String location) {
        String digits = location.replaceFirst("^line\\s+", "");
        return digits.matches("\\d{1,7}") ? Integer.parseInt(digits) : 0;
    }
}
