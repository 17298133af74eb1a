package dev.progy;

import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.model.RunnerSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import dev.progy.internal.workspace.WorkspaceManifest;

/**
 * A student's workspace: a folder laid out like the course (course.json, runner files, the exercises folder)
 * holding the student's own copies of the starter files, with Progy's state under {@code .progy/}:
 * the pristine course in {@code .progy/course/}, the workspace manifest and the progress files.
 * Made by {@link Progy#init}; found again by {@link Progy#openWorkspace}.
 */
public final class Workspace {

    /** Folder of Progy's state inside a workspace. */
    public static final String STATE_DIR = WorkspaceManifest.STATE_DIR;
    /** The pristine course, relative to the workspace root. */
    public static final String PRISTINE_DIR = WorkspaceManifest.PRISTINE_DIR;
    /** The manifest naming the course of the workspace. */
    public static final String MANIFEST = WorkspaceManifest.MANIFEST;

    private final Path root;
    private final Course course;

    Workspace(Path root, Course course) {
        this.root = root;
        this.course = course;
    }

    /** The workspace root (absolute). */
    public Path root() {
        return root;
    }

    /** The course, as loaded from the pristine copy. */
    public Course course() {
        return course;
    }

    /** Progy's state folder, {@code .progy/}. */
    public Path stateDir() {
        return root.resolve(STATE_DIR);
    }

    /** The student's copy of an exercise's folder. */
    public Path exerciseDir(Exercise exercise) {
        return root.resolve(course.root().relativize(course.exercisesDir()))
                .resolve(exercise.moduleDir()).resolve(exercise.dirName());
    }

    /** The student's copy of an exercise's entry file. */
    public Path entryFile(Exercise exercise) {
        return exerciseDir(exercise).resolve(exercise.entryFile());
    }

    /**
     * Where the course was installed from, as given to {@link Progy#init}: a course folder, a {@code .progy} file or a
     * registry name; what {@code progy upgrade} fetches a newer version from when told nothing else.
     */
    public String installedFrom() {
        return WorkspaceManifest.read(root.resolve(MANIFEST)).source();
    }

    /** A setting saved for this workspace with {@link Progy#saveSetting}, e.g. the sync server it syncs with. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(WorkspaceManifest.read(root.resolve(MANIFEST)).settings().get(key));
    }

    /**
     * When the student agreed that this course's code may reach the network, if they did (recorded in
     * {@value #MANIFEST} by {@link Progy#allowNetwork}).
     */
    public Optional<Instant> networkConsent() {
        Path manifest = root.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        return WorkspaceManifest.read(manifest).networkConsent().flatMap(Workspace::instant);
    }

    /**
     * The consent that lets the code of {@code runner} reach the network: when it was given, if it covers what the
     * runner asks for. A runner with an allowlist needs a consent that named each of its hosts, so a course whose
     * allowlist grows is asked again; a runner asking for all of the network needs a consent to all of it.
     */
    public Optional<Instant> networkConsent(RunnerSpec runner) {
        Path manifest = root.resolve(MANIFEST);
        if (!runner.networkAccess() || !Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        WorkspaceManifest m = WorkspaceManifest.read(manifest);
        Optional<Instant> at = m.networkConsent().flatMap(Workspace::instant);
        boolean covers = runner.networkAllowlisted()
                ? m.networkHosts().map(hosts -> hosts.containsAll(runner.networkAllow())).orElse(false)
                : m.networkHosts().isEmpty();
        return covers ? at : Optional.empty();
    }

    /** The hosts the recorded network consent names; empty when it names none (all of the network) or there is none. */
    public Optional<List<String>> networkConsentHosts() {
        Path manifest = root.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        WorkspaceManifest m = WorkspaceManifest.read(manifest);
        return m.networkConsent().isPresent() ? m.networkHosts() : Optional.empty();
    }

    /** When the student declined network access for this course, if they did (and have not agreed since). */
    public Optional<Instant> networkDeclined() {
        Path manifest = root.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        return WorkspaceManifest.read(manifest).networkDeclined().flatMap(Workspace::instant);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a hand-edited consent that is not a time counts as none
        }
    }

    /**
     * The nearest workspace at or above {@code start}: the first folder holding {@code .progy/workspace.json}.
     */
    public static Optional<Path> locate(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MANIFEST))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
