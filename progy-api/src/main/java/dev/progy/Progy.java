package dev.progy;

import dev.progy.error.AiProviderException;
import dev.progy.error.ArchiveRejectedException;
import dev.progy.error.CourseInvalidException;
import dev.progy.error.NotFoundException;
import dev.progy.error.ProgyException;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.model.ArchiveLimits;

import dev.progy.internal.course.CourseReader;
import dev.progy.internal.course.Spelling;
import dev.progy.spi.support.IoFailures;
import dev.progy.internal.hints.OfflineAiProviderProvider;
import dev.progy.internal.host.HostRunnerProvider;
import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.internal.progress.FileProgressStoreProvider;
import dev.progy.internal.progress.ProgressLedger;
import dev.progy.internal.progression.LockRules;
import dev.progy.internal.quiz.CodeExecutor;
import dev.progy.internal.quiz.FallbackCodeExecutor;
import dev.progy.internal.quiz.HostCodeExecutor;
import dev.progy.internal.quiz.RunnerCodeExecutor;
import dev.progy.internal.quiz.QuizGrader;
import dev.progy.internal.run.LastRuns;
import dev.progy.internal.setup.SetupChecks;
import dev.progy.internal.workspace.CourseModelCache;
import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.internal.workspace.ExerciseFiles;
import dev.progy.internal.workspace.WorkspaceInstaller;
import dev.progy.internal.workspace.WorkspaceManifest;
import dev.progy.model.Course;
import dev.progy.model.CourseProblem;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.ExerciseState;
import dev.progy.model.Quiz;
import dev.progy.model.QuizGrade;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.SetupCheckResult;
import dev.progy.spi.AiProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Progy SDK: load and check courses, set up a student's workspace, run exercises, record progress, give
 * hints. Build one with {@link #builder()}:
 * <pre>{@code
 * try (Progy progy = Progy.builder().build()) {           // host runner, file progress, offline hints
 *     Workspace ws = progy.init("examples/java-basics", Path.of("my-course"));
 *     Exercise next = progy.nextExercise(ws).orElseThrow().exercise();
 *     RunResult result = progy.run(ws, next, RunListener.NONE);
 * }
 * }</pre>
 * Adapters can be given directly ({@link Builder#runner}, {@link Builder#progressStore}, ...) or found through
 * {@link java.util.ServiceLoader} with {@link Builder#discover}; without either, the simple in-process adapters
 * of this module are used. A {@code Progy} is safe to use from several threads.
 */
public final class Progy implements AutoCloseable {

    private final ProviderConfig config;
    private final Function<RunnerType, Runner> runnerFactory;
    private final ProgressStore explicitStore;
    private final Function<ProviderConfig, ProgressStore> storeFactory;
    private final Function<ProviderConfig, String> defaultStoreId;
    private final Function<ProviderConfig, List<String>> storeIds;
    private final Function<ProviderConfig, Registry> registryFactory;
    private final Function<ProviderConfig, AiProvider> aiFactory;
    /** Made on the first hint: finding it costs every other command part of its start. */
    private AiProvider ai;
    private final Clock clock;
    private final Map<RunnerType, Runner> runners = new EnumMap<>(RunnerType.class);
    private final Map<Path, ProgressStore> stores = new HashMap<>();
    private Registry registry;
    private final List<Path> unpacked = new ArrayList<>();

    private Progy(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.explicitStore = b.progressStore;
        this.ai = b.aiProvider;
        this.aiFactory = b.aiFactory;
        this.registry = b.registry;
        if (b.runner != null) {
            Runner only = b.runner;
            this.runnerFactory = type -> only;
        } else {
            this.runnerFactory = b.runnerFactory;
        }
        this.storeFactory = b.storeFactory;
        this.defaultStoreId = b.defaultStoreId;
        this.storeIds = b.storeIds;
        this.registryFactory = b.registryFactory;
    }

    private synchronized AiProvider ai() {
        if (ai == null) {
            ai = aiFactory.apply(config);
        }
        return ai;
    }

    /** A builder with the simple in-process adapters as defaults. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- courses -------------------------------------------------------------------------------------

    /**
     * Loads a course folder or a {@code .progy} archive. An archive is unpacked (with the archive's safety
     * limits) into a temporary folder that the course's {@code root()} points to; it is removed when this
     * {@code Progy} is closed.
     *
     * @throws CourseInvalidException with every problem found
     * @throws ArchiveRejectedException when the archive is damaged or hostile
     */
    public Course loadCourse(Path folderOrArchive) {
        if (Files.isDirectory(folderOrArchive)) {
            return CourseReader.read(folderOrArchive);
        }
        if (!Files.isRegularFile(folderOrArchive)) {
            throw new NotFoundException("no course folder or archive at " + folderOrArchive,
                    "give the folder that holds course.json, or a .progy file");
        }
        Path tmp = tempDir("progy-course-");
        synchronized (this) {
            unpacked.add(tmp);
        }
        Path root = tmp.resolve("course");
        CourseArchive.unpack(folderOrArchive, root);
        return CourseReader.read(root);
    }

    /**
     * Every problem of a course folder or {@code .progy} archive; empty when it is valid. An archive is read in
     * place ({@link ArchiveContents}), not unpacked.
     */
    public List<CourseProblem> validate(Path folderOrArchive) {
        if (Files.isDirectory(folderOrArchive)) {
            return CourseReader.validate(folderOrArchive);
        }
        if (!Files.isRegularFile(folderOrArchive)) {
            throw new NotFoundException("no course folder or archive at " + folderOrArchive,
                    "give the folder that holds course.json, or a .progy file");
        }
        try (ArchiveContents archive = ArchiveContents.open(folderOrArchive, ArchiveLimits.DEFAULT)) {
            return CourseReader.validate(archive.root());
        }
    }

    /** Packs a valid course folder into a deterministic {@code .progy} archive. */
    public void pack(Path courseFolder, Path archive) {
        CourseReader.read(courseFolder);
        CourseArchive.pack(courseFolder, archive);
    }

    // ---- workspaces ----------------------------------------------------------------------------------

    /**
     * Makes (or refreshes) a student workspace in {@code dir} from a course folder, a {@code .progy} archive
     * or a registry name ({@code name} or {@code name@version}). The student's files are never overwritten.
     * The course may have warnings ({@link Course#warnings()} of the returned workspace's course); a course with an
     * error, or a different course than the one {@code dir} already holds, is refused and nothing is left behind.
     *
     * @throws CourseInvalidException when the course has an error
     */
    public Workspace init(String source, Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        Path tmp = tempDir("progy-init-");
        try {
            Path asPath = Path.of(source);
            Path archive;
            if (Files.isDirectory(asPath)) {
                CourseReader.read(asPath);
                archive = tmp.resolve("course.progy");
                CourseArchive.pack(asPath, archive);
            } else if (Files.isRegularFile(asPath)) {
                archive = asPath;
            } else if (source.endsWith(".progy") || source.contains("/") && !source.startsWith("@")) {
                throw new NotFoundException("no course folder or archive at " + source,
                        "give a course folder, a .progy file or a registry name");
            } else {
                archive = fetchFromRegistry(source, tmp);
            }
            Course installed = WorkspaceInstaller.install(archive, root, source, clock.instant());
            Workspace ws = openWorkspace(root);
            // the warnings found when the course was checked in full, for the one time they are shown
            return new Workspace(root, withWarnings(ws.course(), installed.warnings()));
        } finally {
            ScratchFolders.deleteQuietly(tmp);
        }
    }

    private static Course withWarnings(Course c, List<CourseProblem> warnings) {
        return new Course(c.id(), c.name(), c.version(), c.description(), c.root(), c.exercisesDir(), c.runners(),
                c.progression(), c.setup(), c.modules(), warnings);
    }

    private Path fetchFromRegistry(String source, Path tmp) {
        int at = source.lastIndexOf('@');
        String name = at > 0 ? source.substring(0, at) : source;
        Optional<String> version = at > 0 ? Optional.of(source.substring(at + 1)) : Optional.empty();
        Registry reg;
        try {
            reg = registry();
        } catch (ProgyException noRegistry) {
            // most often a mistyped folder rather than a course name: say both
            throw new NotFoundException("no course folder or .progy file at " + Path.of(source).toAbsolutePath()
                    + ", and no registry is configured to look '" + source + "' up as a course name",
                    "check the path; to install by name, name the server: PROGY_REGISTRY_SERVER=<url> (public"
                            + " courses need no sign-in), or progy login <server>; or set PROGY_REGISTRY_DIR to a"
                            + " folder registry");
        }
        RegistryEntry entry = (version.isPresent() ? reg.find(name, version.get()) : reg.find(name)).orElseThrow(() -> notInRegistry(reg, source, name, version));
        return reg.download(entry, tmp);
    }

    /** Why nothing in the registry fits {@code name[@version]}: no such course, or no version in the range asked for. */
    private static NotFoundException notInRegistry(Registry reg, String source, String name, Optional<String> version) {
        List<RegistryEntry> versions = version.isEmpty() ? List.of() : reg.versions(name);
        if (versions.isEmpty()) {
            return new NotFoundException("the registry has no course '" + source + "'",
                    "check the name (and version); a course folder or a .progy file works too");
        }
        String live = versions.stream().map(e -> e.version() + (e.yanked() ? " (yanked)" : "")).toList().toString();
        return new NotFoundException("no version of " + name + " matches '" + version.get() + "': it has "
                + live.substring(1, live.length() - 1), "ask for one of those versions, or a range such as "
                + name + "@^" + versions.get(versions.size() - 1).version().replaceAll("[-+].*", "")
                + "; a yanked version is installed only by its exact number");
    }

    /** The workspace at or above {@code start}. */
    public Workspace openWorkspace(Path start) {
        Path root = Workspace.locate(start).orElseThrow(() -> new NotFoundException(
                "no Progy workspace at or above " + start.toAbsolutePath().normalize(),
                "run `progy init <course> [dir]` first, or change into a workspace"));
        WorkspaceManifest.read(root.resolve(Workspace.MANIFEST));
        Path state = root.resolve(Workspace.STATE_DIR);
        Path pristine = root.resolve(Workspace.PRISTINE_DIR);
        Course course = CourseModelCache.read(state, pristine).orElseGet(() -> {
            Course read = CourseReader.readInstalled(pristine);
            CourseModelCache.write(state, pristine, read);
            return read;
        });
        return new Workspace(root, course);
    }

    /** The student's progress in the workspace's course. */
    public CourseProgress progress(Workspace ws) {
        return store(ws).load(ws.course().id());
    }

    /** Every exercise with its record and lock, in course order. */
    public List<ExerciseState> states(Workspace ws) {
        return LockRules.states(ws.course(), progress(ws));
    }

    /** The first unlocked exercise not passed yet; empty when the course is done. */
    public Optional<ExerciseState> nextExercise(Workspace ws) {
        return states(ws).stream().filter(s -> !s.passed() && !s.locked()).findFirst();
    }

    /**
     * The exercise a student named: its id ({@code 01_basics/01_hello}), its folder name ({@code 01_hello}) when
     * unique, or its title.
     */
    public Exercise exercise(Workspace ws, String name) {
        List<Exercise> all = ws.course().exercises();
        List<Exercise> matches = new ArrayList<>();
        for (Exercise e : all) {
            if (e.id().equals(name)) {
                return e;
            }
            if (e.dirName().equals(name) || e.title().equalsIgnoreCase(name)) {
                matches.add(e);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            List<String> known = new ArrayList<>();
            all.forEach(e -> known.addAll(List.of(e.id(), e.dirName(), e.title())));
            String closest = Spelling.closest(name, known);
            Optional<Exercise> meant = all.stream().filter(e -> closest != null
                    && (e.id().equals(closest) || e.dirName().equals(closest) || e.title().equals(closest))).findFirst();
            throw new NotFoundException("the course has no exercise '" + name + "'" + meant.map(e -> "; did you mean "
                    + e.id() + " (" + e.title() + ")?").orElse(""),
                    "`progy list` shows the exercises; use an id such as " + meant.orElse(all.get(0)).id());
        }
        throw new NotFoundException("'" + name + "' names several exercises: "
                + matches.stream().map(Exercise::id).toList(), "use the full id");
    }

    // ---- running ------------------------------------------------------------------------------------

    /**
     * Runs an exercise of the workspace with the course's default runner and records the outcome.
     *
     * @throws ProgyException when the exercise is locked or no runner can run the course here
     */
    public RunResult run(Workspace ws, Exercise exercise, RunListener listener) {
        return run(ws, exercise, ws.course().defaultRunner(), listener);
    }

    /**
     * Runs an exercise with one of the course's runners and records the outcome.
     *
     * @throws ProgyException when the exercise is locked, no runner can run the course here, or the outcome cannot be
     *                        recorded ({@link #runAndRecord} keeps the result then)
     */
    public RunResult run(Workspace ws, Exercise exercise, RunnerSpec spec, RunListener listener) {
        RecordedRun recorded = runAndRecord(ws, exercise, spec, listener);
        if (recorded.notSaved().isPresent()) {
            throw recorded.notSaved().get();
        }
        return recorded.result();
    }

    /**
     * Runs an exercise as {@link #run(Workspace, Exercise, RunnerSpec, RunListener)} does, but a progress that cannot
     * be saved (a read-only workspace, a progress file that is not writable) does not throw the run's result away:
     * it comes back with the reason it was not recorded.
     *
     * @throws ProgyException when the exercise is locked or no runner can run the course here
     */
    public RecordedRun runAndRecord(Workspace ws, Exercise exercise, RunnerSpec spec, RunListener listener) {
        ExerciseState state = states(ws).stream().filter(s -> s.exercise().id().equals(exercise.id()))
                .findFirst().orElseThrow();
        if (state.locked()) {
            throw new ProgyException(exercise.id() + " is locked: " + state.lockReason().get(),
                    "`progy list` shows what unlocks it");
        }
        RunResult result = runUnrecorded(ws, exercise, spec, listener);
        Optional<ProgyException> notSaved = Optional.empty();
        try {
            store(ws).update(ws.course().id(), p -> ProgressLedger.recordRun(p, exercise, result, clock.instant()));
        } catch (ProgyException e) {
            notSaved = Optional.of(e);
        }
        LastRuns.save(ws.stateDir(), exercise, result);
        return new RecordedRun(result, notSaved);
    }

    /**
     * Runs an exercise of the workspace as {@link #run(Workspace, Exercise, RunnerSpec, RunListener)} does, with the
     * exercise's own limits, but neither checks its lock nor records the outcome: an author's check of a course (the
     * Course Guard's run of every starter and solution) must not leave progress behind.
     */
    public RunResult runUnrecorded(Workspace ws, Exercise exercise, RunnerSpec spec, RunListener listener) {
        refuseComposeNetwork(spec);
        RunnerSpec.Limits limits = exercise.limits().applyTo(spec.limits());
        RunnerSpec effective = spec.withLimits(limits);
        RunRequest request = new RunRequest(ws.course(), exercise, effective, ws.root(), limits.timeout(), Map.of(),
                ws.networkConsent(spec));
        return runner(spec.type()).run(request, listener);
    }

    /**
     * A docker-compose runner that asks for the network is refused: its services share a network cut off from
     * everything else, so the network it asks for could not be given, and a run without it would fail for a reason
     * the student cannot see.
     */
    private static void refuseComposeNetwork(RunnerSpec spec) {
        if (spec.type() == RunnerType.DOCKER_COMPOSE && spec.networkAccess()) {
            throw new ProgyException("the course's runner '" + spec.id() + "' is a docker-compose runner and asks for "
                    + "network access (network_access), which a compose run cannot give: its services reach only "
                    + "each other",
                    "the course's author can remove network_access from that runner in course.json (the services "
                    + "still reach each other), or give the exercise a docker-file runner with network_access");
        }
    }

    /**
     * Records in the workspace that the student agrees that its course's code may reach the network, now; runs of
     * runners with {@code network_access} then get it (and show it as a relaxation of the sandbox). Asked once,
     * by the CLI, before the first such run.
     *
     * @return when the consent was recorded (the earlier time when it already was)
     */
    public Instant allowNetwork(Workspace ws) {
        Optional<Instant> earlier = ws.networkConsent();
        if (earlier.isPresent() && ws.networkConsentHosts().isEmpty()) {
            return earlier.get();
        }
        return recordConsent(ws, Optional.empty());
    }

    /**
     * Records the student's consent to what {@code runner} asks for: the hosts of its allowlist (recorded with the
     * time, so a course whose allowlist grows is asked again), or all of the network for the boolean form.
     *
     * @return when the consent was recorded (the earlier time when an earlier consent covers the runner)
     */
    public Instant allowNetwork(Workspace ws, RunnerSpec runner) {
        if (!runner.networkAllowlisted()) {
            return allowNetwork(ws);
        }
        Optional<Instant> earlier = ws.networkConsent(runner);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return recordConsent(ws, Optional.of(runner.networkAllow()));
    }

    private Instant recordConsent(Workspace ws, Optional<List<String>> hosts) {
        Instant now = clock.instant();
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest.read(manifestFile).withNetworkAnswer(Optional.of(now.toString()), Optional.empty(), hosts)
                .write(manifestFile);
        return now;
    }

    /**
     * Records that the student declined network access for this course (or withdraws an earlier consent): later
     * runs get no network, and the CLI does not ask again.
     */
    public void denyNetwork(Workspace ws) {
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest.read(manifestFile).withNetworkAnswer(Optional.empty(), Optional.of(clock.instant().toString()))
                .write(manifestFile);
    }

    /**
     * What the runner of {@code spec} says a student should know ({@link Runner#notes()}) and this workspace has
     * not been told yet; they are recorded as told ({@code .progy/notes-shown}), so each is shown once per
     * workspace. A workspace that cannot be written just shows them again next time.
     */
    public List<String> newRunnerNotes(Workspace ws, RunnerSpec spec) {
        List<String> notes = runner(spec.type()).notes();
        if (notes.isEmpty()) {
            return notes;
        }
        Path shownFile = ws.stateDir().resolve("notes-shown");
        List<String> shown = shownNotes(shownFile);
        List<String> fresh = notes.stream().filter(n -> !shownContains(shown, n)).toList();
        if (!fresh.isEmpty()) {
            List<String> all = new ArrayList<>(shown);
            fresh.forEach(n -> all.add(n.replace('\n', ' ')));
            try {
                AtomicFiles.write(shownFile, (String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // told again next time
            }
        }
        return fresh;
    }

    private static List<String> shownNotes(Path shownFile) {
        try {
            return Files.isRegularFile(shownFile) ? Files.readAllLines(shownFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean shownContains(List<String> shown, String note) {
        return shown.contains(note.replace('\n', ' '));
    }

    /** The runner this SDK uses for a type of course runner (made once, then reused). */
    public synchronized Runner runner(RunnerType type) {
        return runners.computeIfAbsent(type, runnerFactory);
    }

    // ---- hints --------------------------------------------------------------------------------------

    /** The next hint for an exercise; what was revealed is recorded. */
    public Hint hint(Workspace ws, Exercise exercise) {
        CourseProgress p = progress(ws);
        int revealed = p.exercise(exercise.id()).hintsRevealed();
        String code = "";
        try {
            code = Files.readString(ws.entryFile(exercise), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a missing or unreadable entry file just gives a hint without the code
        }
        HintRequest request = new HintRequest(exercise, revealed, LastRuns.load(ws.stateDir(), exercise), code);
        Hint answer;
        try {
            answer = ai().hint(request);
        } catch (AiProviderException e) {
            // a model that cannot answer costs the student the model's hint, never a hint: the course's own go on
            Hint offline = new OfflineAiProviderProvider().create(ProviderConfig.empty()).hint(request);
            String fix = e.fixHint().isBlank() ? "" : ". " + Character.toUpperCase(e.fixHint().charAt(0))
                    + e.fixHint().substring(1);
            String why = (e.getMessage() + fix).replace("_", "\\_");
            answer = new Hint("_No AI hint this time: " + why + ". Here is the course's own hint._\n\n"
                    + offline.text(), offline.kind(), offline.revealed());
        }
        Hint hint = answer;
        if (hint.revealed() > revealed) {
            store(ws).update(ws.course().id(), q -> ProgressLedger.recordHint(q, exercise.id(), hint.revealed()));
        }
        return hint;
    }

    // ---- guidance: setup checks, starter files, solutions --------------------------------------------

    /**
     * Runs the course's environment checks ({@code setup.checks}) on this machine, in the workspace folder. When every
     * check passes, that is recorded in the workspace ({@value #SETUP_PASSED}), so that {@link #setupPassed} is true
     * from then on.
     */
    public List<SetupCheckResult> checkSetup(Workspace ws) {
        List<SetupCheckResult> results = SetupChecks.run(ws.course().setup().checks(), ws.root());
        if (results.stream().allMatch(SetupCheckResult::passed)) {
            try {
                Files.writeString(ws.root().resolve(SETUP_PASSED), clock.instant() + " " + ws.course().version() + "\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                // not recorded: the checks simply run again next time
            }
        }
        return results;
    }

    /** Where a workspace records that its course's setup checks passed, relative to its root. */
    public static final String SETUP_PASSED = Workspace.STATE_DIR + "/setup-passed";

    /** Whether the course's setup checks passed once in this workspace (true when the course has none). */
    public boolean setupPassed(Workspace ws) {
        return ws.course().setup().checks().isEmpty() || Files.isRegularFile(ws.root().resolve(SETUP_PASSED));
    }

    /**
     * Puts an exercise's starter files back in the student's folder, after copying the student's folder to
     * {@code .progy/reset-backup/<time>/}. Progress is not touched.
     *
     * @return the folder the student's copy was kept in
     */
    public Path resetExercise(Workspace ws, Exercise exercise) {
        return ExerciseFiles.reset(ws.root(), ws.course(), ws.exerciseDir(exercise), exercise, clock.instant());
    }

    /**
     * The files of the course's solution to an exercise (kept apart from the student's files at init, in
     * {@code .progy/solutions/}), shown only once the exercise has passed.
     *
     * @throws ProgyException when the exercise has not passed yet, or the course has no solution for it
     */
    public List<Path> solution(Workspace ws, Exercise exercise) {
        if (!progress(ws).exercise(exercise.id()).everPassed()) {
            throw new ProgyException("the solution of " + exercise.id() + " is shown once the exercise has passed",
                    "make it pass first: `progy run " + exercise.id() + "`, and `progy hint " + exercise.id() + "` when stuck");
        }
        List<Path> files = ExerciseFiles.solution(ws.root(), exercise);
        if (files.isEmpty()) {
            throw new NotFoundException("the course has no solution for " + exercise.id() + " in this workspace",
                    "the course may not ship one; a workspace made by an older progy gets them with `progy init "
                            + ws.installedFrom() + "` run again in it");
        }
        return files;
    }

    // ---- quizzes ------------------------------------------------------------------------------------

    /**
     * Grades a quiz attempt and records its score. Answers are keyed by question id: an option id (or ids) for
     * multiple-choice, {@code true}/{@code false}, the text for short answers and essays, a map left → right for
     * matching, the code for coding questions (graded by running their test cases on this machine, or, in a language
     * it has no runtime for, with the course's container runner when it has one; an answer neither can run is not
     * checked and left out of the score).
     *
     * @throws NotFoundException when an answer names a question the quiz does not have
     */
    public QuizGrade gradeQuiz(Workspace ws, Exercise exercise, Map<String, ?> answers) {
        Quiz quiz = exercise.quiz().orElseThrow(() -> new NotFoundException(exercise.id() + " has no quiz",
                "`progy list --json` shows which exercises have one"));
        QuizGrade grade = new QuizGrader(codeExecutor(ws)).grade(quiz, answers);
        store(ws).update(ws.course().id(), p -> ProgressLedger.recordQuiz(p, exercise.id(), grade.score(),
                grade.total(), clock.instant()));
        return grade;
    }

    /**
     * Runs coding answers on this machine, and those in a language it has no runtime for with the course's container
     * runner, whose image has the course's language, when the course has one.
     */
    private CodeExecutor codeExecutor(Workspace ws) {
        CodeExecutor host = new HostCodeExecutor();
        return ws.course().runners().stream().filter(r -> r.type() != RunnerType.PROCESS).findFirst()
                .<CodeExecutor>map(spec -> new FallbackCodeExecutor(host,
                        new RunnerCodeExecutor(() -> runner(spec.type()), ws.course(), spec, ws.root())))
                .orElse(host);
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    /**
     * Saves a setting for this workspace (in {@value Workspace#MANIFEST}); read back with {@link Workspace#setting}.
     * For settings that belong to a workspace rather than to a person or a machine, e.g. the sync server it syncs with.
     */
    public void saveSetting(Workspace ws, String key, String value) {
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest.read(manifestFile).withSetting(key, Optional.of(value)).write(manifestFile);
    }

    /** Removes a setting {@link #saveSetting} saved; nothing happens when there is none. */
    public void removeSetting(Workspace ws, String key) {
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest.read(manifestFile).withSetting(key, Optional.empty()).write(manifestFile);
    }

    private synchronized ProgressStore store(Workspace ws) {
        if (explicitStore != null) {
            return explicitStore;
        }
        ProgressStore open = stores.get(ws.root());
        if (open == null) {
            open = openStore(ws);
            stores.put(ws.root(), open);
        }
        return open;
    }

    /** The key asking for a progress store by id, e.g. {@code progy.progress=sqlite} (see {@link #openStore}). */
    static final String PROGRESS_KEY = "progy.progress";
    private static final String FILE_STORE = "file";
    /** What a workspace that synced before stores were recorded holds (progy-sync's SQLite store). */
    private static final String SYNCED_DATABASE = "progress.db";

    /**
     * The workspace's progress store: the one recorded in its manifest, so that where progress lives never depends
     * on how one command was started. A workspace without one records its choice now: {@value #PROGRESS_KEY} if set,
     * else the SQLite store when a sync left {@value #SYNCED_DATABASE}, else the default store. A workspace on the
     * file store moves to another when {@value #PROGRESS_KEY} asks for it (as the CLI does once a sync server is
     * configured): the new store is made, the switch recorded, and the new store takes the file store's records over
     * on its first read (see {@link dev.progy.FileProgress}), so a crash at any point loses nothing and
     * the next open finishes the move. Where the switch cannot be made or recorded (a read-only workspace), the
     * progress stays where it is.
     */
    private ProgressStore openStore(Workspace ws) {
        String dir = ws.stateDir().toString();
        ProviderConfig located = ((ProviderConfig) key -> key.equals("progress.dir") ? dir : null).orElse(config);
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest manifest = WorkspaceManifest.read(manifestFile);
        Optional<String> recorded = manifest.progressStore();
        Optional<String> requested = config.find(PROGRESS_KEY);
        if (recorded.isPresent() && (requested.isEmpty() || requested.equals(recorded))) {
            return openStore(recorded.get(), located);
        }
        if (recorded.isPresent() && !recorded.get().equals(FILE_STORE)) {
            throw new ProgyException("This workspace keeps its progress in the '" + recorded.get() + "' store (recorded "
                    + "in " + manifestFile + "), but " + PROGRESS_KEY + " asks for '" + requested.get() + "'.",
                    "Unset " + PROGRESS_KEY + " (PROGY_PROGRESS): a workspace's progress moves from files to a "
                            + "database once, never back.");
        }
        String chosen = requested.orElseGet(() -> Files.isRegularFile(ws.stateDir().resolve(SYNCED_DATABASE))
                && storeIds.apply(located).contains("sqlite") ? "sqlite" : defaultStoreId.apply(located));
        // made before it is recorded (a store that cannot be made is never recorded), recorded before it is used (a
        // new store takes the files over on its first read, so a crash at any point is finished by the next open)
        ProgressStore store;
        try {
            store = openStore(chosen, located);
        } catch (ProgyException e) {
            if (recorded.isPresent()) { // the new store cannot be made here (a read-only workspace): stay put
                return openStore(recorded.get(), located);
            }
            throw e;
        }
        try {
            manifest.withProgressStore(chosen).write(manifestFile);
        } catch (ProgyException e) {
            if (recorded.isPresent()) { // cannot record the move (a read-only workspace): the progress stays put
                store.close();
                return openStore(recorded.get(), located);
            }
            // nothing recorded yet and nothing can be: the same choice is made again next time, from the same files
        }
        return store;
    }

    private ProgressStore openStore(String id, ProviderConfig located) {
        return storeFactory.apply(((ProviderConfig) key -> key.equals(PROGRESS_KEY) ? id : null).orElse(located));
    }

    private synchronized Registry registry() {
        if (registry == null) {
            registry = registryFactory.apply(config);
        }
        return registry;
    }

    @Override
    public synchronized void close() {
        runners.values().stream().distinct().forEach(Runner::close);
        stores.values().forEach(ProgressStore::close);
        if (explicitStore != null) {
            explicitStore.close();
        }
        if (registry != null) {
            registry.close();
        }
        synchronized (this) {
            if (ai != null) {
                ai.close();
            }
        }
        unpacked.forEach(ScratchFolders::deleteQuietly);
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new ProgyException("cannot make a temporary folder: " + IoFailures.describe(e), "check TMPDIR", e);
        }
    }

    /** Builds a {@link Progy}; every setting is optional. */
    public static final class Builder {
        private ProviderConfig config = ProviderConfig.empty();
        private Clock clock = Clock.systemUTC();
        private Runner runner;
        private Function<RunnerType, Runner> runnerFactory = type -> simpleRunner(type, config);
        private ProgressStore progressStore;
        private Function<ProviderConfig, ProgressStore> storeFactory = c -> {
            String id = c.find(PROGRESS_KEY).orElse(FILE_STORE);
            if (!id.equals(FILE_STORE)) {
                throw new ProgyException("This workspace keeps its progress in the '" + id + "' store, which this Progy "
                        + "was not built with.", "Build it with Progy.builder().discover(...) and the module of that "
                        + "store on the class path (progy-sync for 'sqlite').");
            }
            return new FileProgressStoreProvider().create(c);
        };
        private Function<ProviderConfig, String> defaultStoreId = c -> FILE_STORE;
        private Function<ProviderConfig, List<String>> storeIds = c -> List.of(FILE_STORE);
        private Registry registry;
        private Function<ProviderConfig, Registry> registryFactory = c -> {
            throw new ProgyException("no registry is configured", "set progy.registry.dir (PROGY_REGISTRY_DIR) to a folder of courses");
        };
        private AiProvider aiProvider;
        private Function<ProviderConfig, AiProvider> aiFactory = c -> new OfflineAiProviderProvider().create(c);
        private Consumer<DiscoveryProblem> reporter = DiscoveryProblem::log;

        private Builder() { }

        private static Runner simpleRunner(RunnerType type, ProviderConfig config) {
            if (type == RunnerType.PROCESS) {
                return new HostRunnerProvider().create(config);
            }
            throw new RunnerUnavailableException("this course runs in containers (" + type.jsonName()
                    + ") and no container runner is configured",
                    "use the progy CLI, which finds Docker or Podman, or pass a runner to Progy.builder().runner(...)",
                    List.of("host: runs process courses only"));
        }

        /** Configuration for adapters (and for discovery); see each provider for its keys. */
        public Builder config(ProviderConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * Where discovery reports what it works around ({@link DiscoveryProblem}: a provider that cannot be loaded and
         * is skipped, an AI provider that falls back to the course's own hints). The library never prints; without
         * this, problems go to the JDK's {@link System.Logger} named {@code dev.progy} at {@code WARNING}.
         */
        public Builder onDiscoveryProblem(Consumer<DiscoveryProblem> reporter) {
            this.reporter = Objects.requireNonNull(reporter);
            return this;
        }

        /**
         * Finds every adapter through ServiceLoader with this configuration, as the CLI and server do; problems go to
         * the reporter set with {@link #onDiscoveryProblem}, before or after this call.
         */
        public Builder discover(ProviderConfig config) {
            this.config = Objects.requireNonNull(config);
            Consumer<DiscoveryProblem> report = problem -> reporter.accept(problem);
            ProviderDiscovery d = ProviderDiscovery.using(config, report);
            this.runnerFactory = d::runner;
            this.storeFactory = c -> ProviderDiscovery.using(c, report).progressStore();
            this.defaultStoreId = c -> ProviderDiscovery.using(c, report).progressStoreId();
            this.storeIds = c -> ProviderDiscovery.using(c, report).all(dev.progy.spi.ProgressStoreProvider.class).stream()
                    .map(dev.progy.spi.Provider::id).toList();
            this.registryFactory = c -> d.registry();
            this.aiFactory = c -> {
                try {
                    return d.aiProvider();
                } catch (ProgyException e) {
                    report.accept(new DiscoveryProblem(e.getMessage() + "; using the course's own hints", e.fixHint()));
                    return new OfflineAiProviderProvider().create(c);
                }
            };
            return this;
        }

        /** The clock progress and streaks are measured by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Runs every exercise with this runner, whatever type the course's runner is. */
        public Builder runner(Runner runner) {
            this.runner = Objects.requireNonNull(runner);
            return this;
        }

        /** Keeps progress in this store for every workspace. */
        public Builder progressStore(ProgressStore store) {
            this.progressStore = Objects.requireNonNull(store);
            return this;
        }

        /** Installs courses named by registry name from this registry. */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        /** Gives hints with this provider. */
        public Builder aiProvider(AiProvider provider) {
            this.aiProvider = Objects.requireNonNull(provider);
            return this;
        }

        /** The SDK. */
        public Progy build() {
            return new Progy(this);
        }
    }
}
