package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;
import dev.progy.guard.rule.Severity;

import dev.progy.ArchiveContents;
import dev.progy.spi.support.IoFailures;
import dev.progy.model.ArchiveLimits;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.CourseInvalidException;
import dev.progy.Progy;
import dev.progy.error.ProgyException;
import dev.progy.guard.markdown.ExternalLinks;
import dev.progy.guard.markdown.MarkdownChecks;
import dev.progy.guard.scripts.CourseScripts;
import dev.progy.guard.scripts.DockerfileChecks;
import dev.progy.model.Course;
import dev.progy.model.CourseProblem;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.support.compose.ComposeProject;
import dev.progy.spi.support.compose.ComposeService;
import dev.progy.spi.support.scratch.ScratchFolders;

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
 * Course Guard: the publish-time checks of a course, the same from {@code progy guard} and, later, the server, on a
 * course folder or a {@code .progy} archive (read in place, never unpacked, unless its solutions are run).
 *
 * <p>The static checks always run: the course loads and validates, its size and files ({@link GuardRules} PG-S…),
 * its runners' Dockerfiles (PG-D…), compose files (PG-C001), network access (PG-N001), the behaviour of every
 * script (PG-B…), its Markdown (PG-M…) and whether each exercise ships a solution (PG-V003). {@link GuardOptions}
 * add external links, runs of every starter and solution (only of a course with no error so far: an unsafe course
 * is never run) and an AI review, whose advice is only ever a note.
 */
public final class Guard {

    private Guard() { }

    /** The static checks of the course folder or {@code .progy} archive at {@code course}. */
    public static GuardReport check(Path course) {
        return check(course, GuardOptions.defaults());
    }

    /**
     * Checks the course folder or {@code .progy} archive at {@code course}.
     *
     * @throws ProgyException when {@code course} is neither (nothing to check)
     */
    public static GuardReport check(Path course, GuardOptions options) {
        if (!Files.exists(course)) {
            throw new ProgyException(course + " does not exist", "give a course folder or a .progy file");
        }
        if (Files.isDirectory(course)) {
            return check(course, course, options, new ArrayList<>());
        }
        List<Finding> findings = new ArrayList<>();
        archiveSize(course, options.limits(), findings);
        try (ArchiveContents contents = ArchiveContents.open(course, ArchiveLimits.DEFAULT)) {
            return check(course, contents.root(), options, findings);
        } catch (ArchiveRejectedException e) {
            findings.add(new Finding(GuardRules.INVALID_COURSE, course.getFileName().toString(), 0, e.getMessage(),
                    "pack the course again with `progy pack`; no student could unpack this archive"));
            return new GuardReport(course.getFileName().toString(), course.toString(), findings);
        }
    }

    /** Checks the course whose files are under {@code root} (the folder itself, or an archive's contents). */
    private static GuardReport check(Path source, Path root, GuardOptions options, List<Finding> findings) {
        Course loaded = null;
        List<RunnerSpec> runners;
        Set<String> composeFiles;
        try (Progy progy = Progy.builder().build()) {
            loaded = progy.loadCourse(root);
            runners = loaded.runners();
            composeFiles = composeFiles(runners);
            // the Guard is strict: what a student's progy only warns of (stale entries, dead prerequisites, unknown
            // keys) is an error before publishing
            invalid(root, loaded.warnings(), composeFiles, findings);
        } catch (CourseInvalidException e) {
            // an invalid course is still checked as far as its course.json can be read: a hostile course is often
            // invalid too, and its author should see every finding at once
            runners = RawRunners.read(root);
            composeFiles = composeFiles(runners);
            invalid(root, e.problems(), composeFiles, findings);
            runners = runners.stream().filter(r -> r.type() != RunnerType.DOCKER_COMPOSE).toList();
        }
        Set<String> dockerfiles = runners(root, runners, findings);
        findings.addAll(CourseScripts.check(root, dockerfiles, composeFiles));
        findings.addAll(CourseFiles.check(root, options.limits()));
        addMarkdown(MarkdownChecks.check(root), findings);
        options.externalLinkTimeout().ifPresent(timeout -> findings.addAll(ExternalLinks.check(root, timeout)));
        if (loaded != null) {
            findings.addAll(SolutionRuns.missing(loaded));
        }
        List<Finding> kept = new ArrayList<>(Silencing.apply(root, findings));
        List<SolutionCheck> checks = new ArrayList<>();
        boolean safe = kept.stream().noneMatch(f -> f.severity() == Severity.ERROR);
        if (options.solutionRuns().isPresent()) {
            if (loaded == null || !safe) {
                kept.add(new Finding(GuardRules.NOT_RUN, ".", 0, "starters and solutions were not run: the checks "
                        + "above found errors, and a course is run only once it has none", "fix the errors and check again"));
            } else {
                kept.addAll(runSolutions(source, loaded, options, checks));
            }
        }
        if (loaded != null && options.aiReviewer().isPresent()) {
            kept.addAll(AiReview.review(loaded, options.aiReviewer().get()));
        }
        String id = loaded != null ? loaded.id() : source.getFileName().toString();
        return new GuardReport(id, source.toString(), kept, checks);
    }

    private static List<Finding> runSolutions(Path source, Course loaded, GuardOptions options, List<SolutionCheck> checks) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("progy-guard-");
        } catch (IOException e) {
            throw new ProgyException("cannot make a scratch folder to run the solutions in: " + IoFailures.describe(e),
                    "check that the temporary folder is writable", e);
        }
        try {
            return SolutionRuns.run(source.toString(), loaded, options.solutionRuns().get(), options.runnerId(), scratch, checks);
        } finally {
            // what cannot be removed (a file the run left busy) is left to the system's temporary-file cleaning
            ScratchFolders.deleteQuietly(scratch);
        }
    }

    /**
     * The Markdown findings, but for a link out of the course that validation already reported at the same place
     * (validation holds that rule for every command; the Markdown check finds it too): one finding per link.
     */
    private static void addMarkdown(List<Finding> markdown, List<Finding> findings) {
        Set<String> reported = new HashSet<>();
        findings.stream().filter(f -> f.rule() == GuardRules.BROKEN_LINK).forEach(f -> reported.add(f.location()));
        for (Finding f : markdown) {
            if (!(f.rule() == GuardRules.BROKEN_LINK && reported.contains(f.location()))) {
                findings.add(f);
            }
        }
    }

    private static void invalid(Path root, List<CourseProblem> problems, Set<String> composeFiles, List<Finding> findings) {
        for (CourseProblem p : problems) {
            if (p.file().toLowerCase(java.util.Locale.ROOT).endsWith(".md") && p.location().startsWith("line ")) {
                // validation's rule on Markdown is about links: reported under the Markdown rule's id
                findings.add(new Finding(GuardRules.BROKEN_LINK, p.file(), lineOf(p.location()), p.message(),
                        "link to a file inside the course"));
                continue;
            }
            boolean compose = composeFiles.contains(p.file());
            findings.add(new Finding(compose ? GuardRules.COMPOSE_ESCAPE : GuardRules.INVALID_COURSE, p.file(),
                    compose ? CourseScripts.composeLine(root, p) : lineOf(p.location()),
                    (compose && !p.location().isEmpty() ? p.location() + ": " : "") + p.message(),
                    compose ? "remove the setting: exercises must run inside the sandbox"
                            : "fix the course; `progy validate` lists the same problems"));
        }
    }

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
                    findings.add(new Finding(GuardRules.INVALID_COURSE, dockerfile, 0, "cannot be read: " + IoFailures.describe(e),
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

    /** The Dockerfiles of a valid compose runner's built services (what escapes the sandbox failed validation). */
    private static void compose(Path root, RunnerSpec runner, List<Finding> findings, Set<String> dockerfiles) {
        try {
            for (ComposeService service : ComposeProject.load(root, runner).services()) {
                service.build().ifPresent(b -> dockerfiles.add(root.relativize(
                        root.resolve(b.context()).resolve(b.dockerfile()).normalize()).toString().replace('\\', '/')));
            }
        } catch (CourseInvalidException e) {
            for (CourseProblem p : e.problems()) {
                findings.add(new Finding(GuardRules.COMPOSE_ESCAPE, p.file(), CourseScripts.composeLine(root, p), p.location() + ": " + p.message(),
                        "remove the setting: exercises must run inside the sandbox"));
            }
        }
    }

    private static void archiveSize(Path course, GuardLimits limits, List<Finding> findings) {
        try {
            long max = limits.maxArchive();
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
