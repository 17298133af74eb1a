package dev.progy;

import dev.progy.internal.course.CourseReader;
import dev.progy.spi.support.IoFailures;
import dev.progy.internal.hints.OfflineAiProviderProvider;
import dev.progy.internal.host.HostRunnerProvider;
import dev.progy.internal.io.FolderTrees;
import dev.progy.internal.progress.FileProgressStoreProvider;
import dev.progy.internal.progress.ProgressLedger;
import dev.progy.internal.progression.LockRules;
import dev.progy.internal.quiz.HostCodeExecutor;
import dev.progy.internal.quiz.QuizGrader;
import dev.progy.internal.run.LastRuns;
import dev.progy.internal.workspace.CourseModelCache;
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
    private final Function<ProviderConfig, Registry> registryFactory;
    private final AiProvider ai;
    private final Clock clock;
    private final Map<RunnerType, Runner> runners = new EnumMap<>(RunnerType.class);
    private final Map<Path, ProgressStore> stores = new HashMap<>();
    private Registry registry;
    private final List<Path> unpacked = new ArrayList<>();

    private Progy(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.explicitStore = b.progressStore;
        this.ai = b.aiProvider != null ? b.aiProvider : b.aiFactory.apply(config);
        this.registry = b.registry;
        if (b.runner != null) {
            Runner only = b.runner;
            this.runnerFactory = type -> only;
        } else {
            this.runnerFactory = b.runnerFactory;
        }
        this.storeFactory = b.storeFactory;
        this.registryFactory = b.registryFactory;
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
            WorkspaceInstaller.install(archive, root, source, clock.instant());
            return openWorkspace(root);
        } finally {
            FolderTrees.deleteQuietly(tmp);
        }
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
                    "check the path; to install by name, set PROGY_REGISTRY_DIR to a folder registry");
        }
        RegistryEntry entry = reg.find(name, version).orElseThrow(() -> new NotFoundException(
                "the registry has no course '" + source + "'",
                "check the name (and version); a course folder or a .progy file works too"));
        return reg.download(entry, tmp);
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
            throw new NotFoundException("the course has no exercise '" + name + "'",
                    "`progy list` shows the exercises; use an id such as " + all.get(0).id());
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

    /** Runs an exercise with one of the course's runners and records the outcome. */
    public RunResult run(Workspace ws, Exercise exercise, RunnerSpec spec, RunListener listener) {
        ExerciseState state = states(ws).stream().filter(s -> s.exercise().id().equals(exercise.id()))
                .findFirst().orElseThrow();
        if (state.locked()) {
            throw new ProgyException(exercise.id() + " is locked: " + state.lockReason().get(),
                    "`progy list` shows what unlocks it");
        }
        RunResult result = runUnrecorded(ws, exercise, spec, listener);
        store(ws).update(ws.course().id(), p -> ProgressLedger.recordRun(p, exercise, result, clock.instant()));
        LastRuns.save(ws.stateDir(), exercise, result);
        return result;
    }

    /**
     * Runs an exercise of the workspace as {@link #run(Workspace, Exercise, RunnerSpec, RunListener)} does, with the
     * exercise's own limits, but neither checks its lock nor records the outcome: an author's check of a course (the
     * Course Guard's run of every starter and solution) must not leave progress behind.
     */
    public RunResult runUnrecorded(Workspace ws, Exercise exercise, RunnerSpec spec, RunListener listener) {
        RunnerSpec.Limits limits = exercise.limits().applyTo(spec.limits());
        RunnerSpec effective = new RunnerSpec(spec.id(), spec.name(), spec.type(), spec.command(), spec.args(), spec.cwd(),
                spec.dockerfile(), spec.imageTag(), spec.networkAccess(), spec.composeFile(), spec.serviceToRun(), limits);
        RunRequest request = new RunRequest(ws.course(), exercise, effective, ws.root(), limits.timeout(), Map.of(),
                spec.networkAccess() ? ws.networkConsent() : Optional.empty());
        return runner(spec.type()).run(request, listener);
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
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant();
        Path manifestFile = ws.root().resolve(Workspace.MANIFEST);
        WorkspaceManifest.read(manifestFile).withNetworkAnswer(Optional.of(now.toString()), Optional.empty())
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
        Hint hint = ai.hint(new HintRequest(exercise, revealed, LastRuns.load(ws.stateDir(), exercise), code));
        if (hint.revealed() > revealed) {
            store(ws).update(ws.course().id(), q -> ProgressLedger.recordHint(q, exercise.id(), hint.revealed()));
        }
        return hint;
    }

    // ---- quizzes ------------------------------------------------------------------------------------

    /**
     * Grades a quiz attempt and records its score. Answers are keyed by question id: an option id (or ids) for
     * multiple-choice, {@code true}/{@code false}, the text for short answers and essays, a map left → right for
     * matching, the code for coding questions (graded by running their test cases on this machine).
     */
    public QuizGrade gradeQuiz(Workspace ws, Exercise exercise, Map<String, ?> answers) {
        Quiz quiz = exercise.quiz().orElseThrow(() -> new NotFoundException(exercise.id() + " has no quiz",
                "`progy list --json` shows which exercises have one"));
        QuizGrade grade = new QuizGrader(new HostCodeExecutor()).grade(quiz, answers);
        store(ws).update(ws.course().id(), p -> ProgressLedger.recordQuiz(p, exercise.id(), grade.score(),
                grade.total(), clock.instant()));
        return grade;
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private synchronized ProgressStore store(Workspace ws) {
        if (explicitStore != null) {
            return explicitStore;
        }
        return stores.computeIfAbsent(ws.root(), root -> {
            String dir = ws.stateDir().toString();
            return storeFactory.apply(((ProviderConfig) key -> key.equals("progress.dir") ? dir : null).orElse(config));
        });
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
        ai.close();
        unpacked.forEach(FolderTrees::deleteQuietly);
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
        private Function<ProviderConfig, ProgressStore> storeFactory = c -> new FileProgressStoreProvider().create(c);
        private Registry registry;
        private Function<ProviderConfig, Registry> registryFactory = c -> {
            throw new ProgyException("no registry is configured", "set progy.registry.dir (PROGY_REGISTRY_DIR) to a folder of courses");
        };
        private AiProvider aiProvider;
        private Function<ProviderConfig, AiProvider> aiFactory = c -> new OfflineAiProviderProvider().create(c);

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

        /** Finds every adapter through ServiceLoader with this configuration, as the CLI and server do. */
        public Builder discover(ProviderConfig config) {
            this.config = Objects.requireNonNull(config);
            ProviderDiscovery d = ProviderDiscovery.using(config);
            this.runnerFactory = d::runner;
            this.storeFactory = c -> ProviderDiscovery.using(c).progressStore();
            this.registryFactory = c -> d.registry();
            this.aiFactory = c -> {
                try {
                    return d.aiProvider();
                } catch (ProgyException e) {
                    System.err.println("warning: " + e.getMessage() + "; using the course's own hints");
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
