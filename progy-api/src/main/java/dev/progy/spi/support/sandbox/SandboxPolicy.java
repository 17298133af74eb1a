package dev.progy.spi.support.sandbox;

import dev.progy.spi.support.protocol.CappedOutput;
import dev.progy.spi.support.protocol.ResultProtocol;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.Workspace;
import dev.progy.spi.support.scratch.ScratchFolders;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one exercise runs in a container, on any engine: an immutable, engine-neutral description that the Docker
 * and Podman runners translate one to one into their APIs, so both hold course code to the same sandbox.
 * Built from a {@link RunRequest} and the student's consent to network access; nothing a course says can
 * loosen it except {@code network_access} (with consent) and its limits (within the ceilings below), and both
 * are listed in {@link #relaxations()} for the CLI to show.
 *
 * <h2>What the container sees</h2>
 * <ul>
 *   <li>{@value #WORKSPACE_PATH}: the workspace root, <b>read-only</b> — the course's own files (course.json,
 *       its runner scripts such as {@code runner/check.sh}) sit there and course runners expect them, as on the
 *       host; Progy's state folder ({@code .progy/}: progress, consents, the pristine course) and a {@code .git/}
 *       folder (the student's backup, whose config may name a remote with credentials) are hidden under empty
 *       read-only tmpfs masks.</li>
 *   <li>{@link #exercisePath()}, e.g. {@code /workspace/content/01_basics/01_hello}: the exercise's folder,
 *       <b>read-write</b> — the only place of the student's files course code may change. Mounting this folder
 *       alone would break courses (those written for the original Progy among them) whose runner scripts sit at
 *       the workspace root; mounting the rest read-only keeps them working and still lets nothing else change.</li>
 *   <li>{@value #OUTPUT_PATH} ({@code $PROGY_OUTPUT_DIR}): a fresh, empty folder this policy creates outside the
 *       workspace, read-write, for {@code results.json}; read it with
 *       {@link ResultProtocol#readResultsFile ResultProtocol.readResultsFile(policy.outputDir())}.
 *       {@link #close()} deletes it. A runner that keeps one container for many runs (warm re-runs) passes the
 *       folder it mounted instead ({@link Builder#outputFolder}), emptied before each run, and keeps it.</li>
 *   <li>{@value #TMP_PATH}: a tmpfs of {@value #TMP_SIZE_BYTES} bytes (64 MiB), mode {@code 1777} (anyone may
 *       write, only the owner delete), {@code nosuid,nodev} but <em>executable</em>: Go, JNI libraries and test
 *       tools run what they write there, and {@code noexec} would buy nothing since the exercise folder is
 *       writable and executable anyway.</li>
 *   <li>{@value #HOME_PATH} ({@code $HOME}): a tmpfs of {@value #HOME_SIZE_BYTES} bytes (256 MiB), mode
 *       {@code 0700}, owned by the container's user, {@code nosuid,nodev}, executable: the caches and settings of
 *       compilers and package tools (Go, Cargo, pip, npm, Gradle, Maven) have somewhere to go on a read-only root.
 *       Both tmpfs count against the memory limit as they fill.</li>
 * </ul>
 * Every bind source is a real path (links resolved) that lies inside the workspace, or is the output folder;
 * the root of a file system, the home folder, system folders and a folder reached through a link are refused
 * with {@link UnsafePathException}, whatever the course says.
 *
 * <h2>Hardening, always on</h2>
 * Read-only root file system; all capabilities dropped; {@code no-new-privileges}; a non-root user (the
 * workspace's owner, so files written to the exercise folder stay the student's; {@code nobody:nogroup}
 * ({@value #NOBODY}) when the workspace belongs to root — who then cannot write the exercise folder, only the
 * output folder, {@code /tmp} and {@code $HOME} — and {@value #FALLBACK_ID}:{@value #FALLBACK_ID} where owners cannot be read;
 * never 0);
 * a pids limit; a memory limit with swap equal to it (no swap); a CPU limit; a limit on what the run writes to
 * the exercise and output folders ({@link #watchDisk}, default {@value RunnerSpec.Limits#DEFAULT_DISK_MB} MiB);
 * no network unless the runner asks
 * for it <em>and</em> the student agreed. Limits come from {@link RunnerSpec.Limits} and are held to
 * [{@value #MIN_MEMORY_MB} MiB, {@value #MAX_MEMORY_MB} MiB] of memory, [{@value #MIN_CPUS}, host cores] CPUs,
 * [{@value #MIN_PIDS}, {@value #MAX_PIDS}] processes and a time limit of [1 s, 1 h].
 *
 * <h2>What an adapter does with it</h2>
 * Create the container with {@link #argv()} as its command (exec form, never wrapped in a shell),
 * {@link #workingDir()}, {@link #user()}, {@link #environment()} (and nothing of the host besides),
 * {@link #labels()}, {@link #mounts()}, {@link #tmpfsMounts()}, {@link #readOnlyRootFilesystem()},
 * {@link #capabilitiesToDrop()}, {@link #noNewPrivileges()}, {@link #memoryBytes()},
 * {@link #memorySwapBytes()}, {@link #nanoCpus()}, {@link #pidsLimit()} and no network unless
 * {@link #networkAccess()}; no TTY, an empty stdin, the engine's default seccomp and AppArmor profiles left on,
 * and the image's own entrypoint kept (as the original Progy did: the image is the course's, like the command).
 * Rootless Podman maps the host user to the same uid in the container ({@code keep-id}). Kill the container
 * itself at {@link #timeout()}, stop it once the output passes {@link #outputLimitBytes()}, remove it after the
 * run (also on Ctrl-C), stop it when {@link #watchDisk} says it wrote too much, read the result with
 * {@link ResultProtocol#read ResultProtocol.read(raw, policy.limits())},
 * then {@link #close()} the policy.
 */
public final class SandboxPolicy implements AutoCloseable {

    /** Where the workspace root appears in the container. */
    public static final String WORKSPACE_PATH = "/workspace";
    /** Where the output folder appears in the container; the value of {@code PROGY_OUTPUT_DIR}. */
    public static final String OUTPUT_PATH = "/progy/out";
    /** The container's temporary folder, a tmpfs anyone may write to (mode 1777). */
    public static final String TMP_PATH = "/tmp";
    /** The size of {@value #TMP_PATH}: 64 MiB. */
    public static final long TMP_SIZE_BYTES = 64L << 20;
    /** The container's {@code HOME}, a tmpfs of the container's user (mode 0700). */
    public static final String HOME_PATH = "/home/progy";
    /** The size of {@value #HOME_PATH}: 256 MiB. */
    public static final long HOME_SIZE_BYTES = 256L << 20;
    /** Folders at the workspace root hidden from the container: Progy's state and a git repository. */
    public static final List<String> HIDDEN_FOLDERS = List.of(Workspace.STATE_DIR, ".git");
    /** The least and most memory a container gets, in MiB. */
    public static final int MIN_MEMORY_MB = 16, MAX_MEMORY_MB = 8192;
    /** The least and most processes (threads included) a container may have. */
    public static final int MIN_PIDS = 8, MAX_PIDS = 4096;
    /** The fewest CPUs a container gets; the most is the host's core count. */
    public static final double MIN_CPUS = 0.1;
    /** The shortest and longest time limit of a run. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1), MAX_TIMEOUT = Duration.ofHours(1);
    /** The least and most a run may write to the student's disk (exercise and output folders), in MiB. */
    public static final int MIN_DISK_MB = 1, MAX_DISK_MB = 65536;
    /** The uid and gid used where the workspace's owner cannot be read. */
    public static final int FALLBACK_ID = 1000;
    /** The uid and gid ({@code nobody}/{@code nogroup}) used instead of root's 0. */
    public static final int NOBODY = 65534;

    /** Label on every container and exec session Progy makes: {@code true}. {@code progy gc} looks for it. */
    public static final String LABEL_MANAGED = "dev.progy.managed";
    /** Label: the course id. */
    public static final String LABEL_COURSE = "dev.progy.course";
    /** Label: the exercise id. */
    public static final String LABEL_EXERCISE = "dev.progy.exercise";
    /** Label: the course runner's id. */
    public static final String LABEL_RUNNER = "dev.progy.runner";
    /** Label: the run's id ({@link #runId()}). */
    public static final String LABEL_RUN = "dev.progy.run";
    /** Label: the pid of the JVM that made the container, so gc can tell a live run from a leftover. */
    public static final String LABEL_PID = "dev.progy.pid";
    /** Label: the host name of the machine that JVM ran on, so gc never judges another machine's pid. */
    public static final String LABEL_HOST = "dev.progy.host";

    private final UUID runId;
    private final Path outputDir;
    private final boolean ownsOutputDir;
    private final String exercisePath;
    private final Path hostExerciseDir;
    private final String workingDir;
    private final List<String> argv;
    private final Map<String, String> environment;
    private final Map<String, String> labels;
    private final ContainerUser user;
    private final RunnerSpec.Limits limits;
    private final boolean networkAccess;
    private final Optional<EgressRules> egress;
    private final List<String> relaxations;
    private final List<BindMount> mounts;
    private final List<TmpfsMount> tmpfsMounts;

    private SandboxPolicy(Builder b, SandboxPaths paths, RunnerSpec.Limits limits, ContainerUser user,
                          Map<String, String> environment, Path outputDir) {
        this.runId = b.runId;
        this.outputDir = outputDir;
        this.ownsOutputDir = b.outputFolder == null;
        this.exercisePath = paths.exercisePath();
        this.hostExerciseDir = paths.exerciseDir();
        this.workingDir = paths.workingDir();
        this.argv = List.copyOf(paths.argv());
        this.environment = environment;
        this.labels = labels(b.request, b.runId);
        this.user = user;
        this.limits = limits;
        this.networkAccess = b.request.runner().networkAccess() && b.networkConsent.isPresent();
        this.egress = networkAccess && b.request.runner().networkAllowlisted()
                ? Optional.of(egressRules(b.request.runner())) : Optional.empty();
        this.relaxations = SandboxLimits.relaxations(limits, networkAccess ? b.networkConsent : Optional.empty(),
                egress);
        this.mounts = List.of(new BindMount(paths.workspace(), WORKSPACE_PATH, true),
                new BindMount(paths.exerciseDir(), exercisePath, false),
                new BindMount(outputDir, OUTPUT_PATH, false));
        List<TmpfsMount> tmpfs = new ArrayList<>();
        tmpfs.add(new TmpfsMount(TMP_PATH, TMP_SIZE_BYTES, false, true, 01777));
        tmpfs.add(new TmpfsMount(HOME_PATH, HOME_SIZE_BYTES, false, true, 0700, user.uid(), user.gid()));
        for (String hidden : HIDDEN_FOLDERS) {
            if (Files.isDirectory(paths.workspace().resolve(hidden), LinkOption.NOFOLLOW_LINKS)) {
                tmpfs.add(new TmpfsMount(WORKSPACE_PATH + "/" + hidden, 4096, true, false, 0555));
            }
        }
        this.tmpfsMounts = List.copyOf(tmpfs);
    }

    /** A builder of the policy of {@code request}. */
    public static Builder builder(RunRequest request) {
        return new Builder(request);
    }

    /** Builds a {@link SandboxPolicy}; every setting but the request has a default. */
    public static final class Builder {
        private final RunRequest request;
        private Optional<Instant> networkConsent = Optional.empty();
        private Map<String, String> hostEnv = System.getenv();
        private int hostCpus = Runtime.getRuntime().availableProcessors();
        private Path home = Path.of(System.getProperty("user.home"));
        private Path outputParent = Path.of(System.getProperty("java.io.tmpdir"));
        private Path outputFolder;
        private UUID runId = newRunId();

        private Builder(RunRequest request) {
            this.request = Objects.requireNonNull(request, "request");
            this.networkConsent = request.networkConsent();
        }

        /**
         * The student agreed at {@code agreedAt} that this course's code may reach the network. By default the
         * request's {@link RunRequest#networkConsent()}.
         */
        public Builder networkConsent(Instant agreedAt) {
            this.networkConsent = Optional.of(Objects.requireNonNull(agreedAt, "agreedAt"));
            return this;
        }

        /** The host's environment, of which only {@code LANG}, {@code LC_*}, {@code TZ}, {@code TERM} pass. */
        public Builder hostEnvironment(Map<String, String> hostEnv) {
            this.hostEnv = Map.copyOf(hostEnv);
            return this;
        }

        /** The engine's CPU count (the JVM's by default), the most CPUs a container gets. */
        public Builder hostCpus(int hostCpus) {
            this.hostCpus = Math.max(1, hostCpus);
            return this;
        }

        /** The user's home folder, never mounted ({@code user.home} by default). */
        public Builder homeFolder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Where the output folder is made ({@code java.io.tmpdir} by default); outside the workspace. */
        public Builder outputParent(Path outputParent) {
            this.outputParent = Objects.requireNonNull(outputParent, "outputParent");
            return this;
        }

        /**
         * Uses {@code folder}, an existing empty folder the caller made and keeps, as the output folder instead of
         * a fresh one: for a runner that keeps a container, with this folder mounted, for many runs. It is checked
         * like a fresh one (apart from the workspace, not a refused folder), must be empty, and is given to the
         * container's user; {@link #close()} leaves it in place. None by default.
         */
        public Builder outputFolder(Path folder) {
            this.outputFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** The run's id, in the container's labels and name (random by default). */
        public Builder runId(UUID runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /**
         * Checks the request and makes the run's output folder; {@link #close()} the policy when the run is over.
         *
         * @throws UnsafePathException when a folder to mount is refused or a placeholder value is unsafe
         * @throws ProgyException      when the workspace or the exercise folder is missing, or the output folder
         *                             cannot be made
         */
        public SandboxPolicy build() {
            MountSources sources = new MountSources(home);
            SandboxPaths paths = SandboxPaths.check(request, sources);
            RunnerSpec.Limits limits = SandboxLimits.clamp(request, hostCpus);
            ContainerUser user = ContainerUser.of(paths.workspace());
            Map<String, String> environment = environment(request, hostEnv);
            // last, so that a refused request leaves nothing behind
            Path out = outputFolder != null
                    ? SandboxPaths.useOutputFolder(outputFolder, paths.workspace(), sources, user)
                    : SandboxPaths.createOutputFolder(outputParent, paths.workspace(), sources, user);
            return new SandboxPolicy(this, paths, limits, user, environment, out);
        }
    }

    // ---- what the container sees ----

    /**
     * A random version-4 id for a run. It names a container and labels what the run leaves, so it must not repeat,
     * but nothing depends on it being unguessable: it comes from {@link ThreadLocalRandom}, not from
     * {@link UUID#randomUUID()}, whose {@code SecureRandom} loads the security providers (≈ 10 ms of a one-shot run).
     */
    static UUID newRunId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** This run's id (label {@value #LABEL_RUN}). */
    public UUID runId() {
        return runId;
    }

    /** A name for the container: {@code progy-<run id>}. */
    public String containerName() {
        return "progy-" + runId;
    }

    /** The bind mounts: the workspace (read-only), the exercise folder and the output folder (read-write). */
    public List<BindMount> mounts() {
        return mounts;
    }

    /**
     * The tmpfs mounts: {@value #TMP_PATH}, {@value #HOME_PATH}, then a read-only mask over each
     * {@linkplain #HIDDEN_FOLDERS hidden folder}.
     */
    public List<TmpfsMount> tmpfsMounts() {
        return tmpfsMounts;
    }

    /**
     * The output folder on the host, where {@code results.json} lands; deleted by {@link #close()} unless it was
     * passed to {@link Builder#outputFolder}.
     */
    public Path outputDir() {
        return outputDir;
    }

    /** The exercise folder in the container, e.g. {@code /workspace/content/01_basics/01_hello}. */
    public String exercisePath() {
        return exercisePath;
    }

    /** The working folder in the container: {@value #WORKSPACE_PATH}, or the runner's {@code cwd} inside it. */
    public String workingDir() {
        return workingDir;
    }

    /** The command: the runner's command and args, placeholders filled with container paths; exec form. */
    public List<String> argv() {
        return argv;
    }

    /** The whole environment of the run, sorted by name; the container's own {@code PATH} stays. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The labels of the container and its exec sessions, for {@code progy gc}. */
    public Map<String, String> labels() {
        return labels;
    }

    // ---- hardening ----

    /** The container's user, {@code uid:gid}; never root. */
    public String user() {
        return Integer.toUnsignedString(user.uid()) + ":" + Integer.toUnsignedString(user.gid());
    }

    /** The container user's uid; never 0. */
    public int uid() {
        return user.uid();
    }

    /** The container user's gid; never 0. */
    public int gid() {
        return user.gid();
    }

    /** Whether the root file system is read-only: always. */
    public boolean readOnlyRootFilesystem() {
        return true;
    }

    /** The capabilities to drop: {@code ALL}; none is added back. */
    public List<String> capabilitiesToDrop() {
        return List.of("ALL");
    }

    /** Whether {@code no-new-privileges} is set (setuid binaries gain nothing): always. */
    public boolean noNewPrivileges() {
        return true;
    }

    /** Whether the container may reach the network: only if the runner asks for it and the student agreed. */
    public boolean networkAccess() {
        return networkAccess;
    }

    /**
     * The hosts the run may reach, when the runner lists them ({@code network_access = { "allow": [...] }}) and
     * the student agreed: the container then gets no route out but an {@link EgressProxy} holding it to these
     * rules, named in {@link #environment(String)}. Empty when there is no network or all of it.
     */
    public Optional<EgressRules> egress() {
        return egress;
    }

    /**
     * {@link #environment()} with the egress proxy at {@code proxyUrl} (e.g. {@code http://172.18.0.1:41234}) in
     * {@code HTTP_PROXY}, {@code HTTPS_PROXY} and their lower-case forms, which curl, pip, npm, Go and most HTTP
     * clients follow; {@code NO_PROXY} is left out, so nothing bypasses it.
     */
    public Map<String, String> environment(String proxyUrl) {
        Map<String, String> env = new TreeMap<>(environment);
        env.remove("NO_PROXY");
        env.remove("no_proxy");
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
            env.put(name, proxyUrl);
        }
        return Collections.unmodifiableMap(env);
    }

    /**
     * Every way this run is looser than Progy's defaults, in words for the student, e.g.
     * {@code network access (the course asks for it; you agreed on 2026-11-25)} or
     * {@code memory up to 2048 MiB (the default is 512 MiB)}; empty for a run under the defaults.
     */
    public List<String> relaxations() {
        return relaxations;
    }

    // ---- limits ----

    /** The limits the run is held to, clamped, with the request's timeout; for {@link ResultProtocol#read}. */
    public RunnerSpec.Limits limits() {
        return limits;
    }

    /** The memory limit in bytes. */
    public long memoryBytes() {
        return (long) limits.memoryMb() << 20;
    }

    /** Memory plus swap in bytes, in Docker's and OCI's sense: equal to {@link #memoryBytes()}, so no swap. */
    public long memorySwapBytes() {
        return memoryBytes();
    }

    /** The CPU limit in billionths of a CPU (Docker's {@code NanoCpus}). */
    public long nanoCpus() {
        return Math.round(limits.cpus() * 1e9);
    }

    /** The most processes and threads the container may have. */
    public int pidsLimit() {
        return limits.pids();
    }

    /** The wall-clock limit of the run, after which the container itself is killed. */
    public Duration timeout() {
        return limits.timeout();
    }

    /** The most output kept: {@link CappedOutput#OUTPUT_LIMIT_BYTES}; the run is stopped past it. */
    public int outputLimitBytes() {
        return CappedOutput.OUTPUT_LIMIT_BYTES;
    }

    /** How much the run may write to the exercise folder and the output folder together, in bytes. */
    public long diskLimitBytes() {
        return (long) limits.diskMb() << 20;
    }

    /**
     * Starts watching what the run writes to the student's disk (the exercise folder and the output folder, on
     * the host); {@code onExceeded} is called once they grew by more than {@link #diskLimitBytes()}. Start it
     * just before the run starts and {@link DiskWatch#finish() finish} it when the run is over.
     */
    public DiskWatch watchDisk(Runnable onExceeded) {
        return watchDisk(outputDir, onExceeded);
    }

    /**
     * {@link #watchDisk(Runnable)} with another output folder: that of a kept container the run goes to, which
     * reads its {@code results.json} from there.
     */
    public DiskWatch watchDisk(Path outputFolder, Runnable onExceeded) {
        return DiskWatch.start(List.of(hostExerciseDir, outputFolder), diskLimitBytes(), onExceeded);
    }

    /** Deletes the output folder, unless it was passed to {@link Builder#outputFolder}. */
    @Override
    public void close() {
        if (ownsOutputDir) {
            ScratchFolders.deleteQuietly(outputDir);
        }
    }

    // ---- computing it ----

    /** {@code LANG}, {@code LC_*}, {@code TZ}, {@code TERM} of the host; its paths mean nothing in a container. */
    static boolean passesIntoContainer(String hostName) {
        String upper = hostName.toUpperCase(Locale.ROOT);
        return upper.equals("LANG") || upper.equals("TZ") || upper.equals("TERM") || upper.startsWith("LC_");
    }

    private static Map<String, String> environment(RunRequest request, Map<String, String> hostEnv) {
        Map<String, String> fromHost = new LinkedHashMap<>();
        EnvironmentAllowlist.fromHost(hostEnv).forEach((name, value) -> {
            if (passesIntoContainer(name)) {
                fromHost.put(name, value);
            }
        });
        Map<String, String> progyEnv = new LinkedHashMap<>(request.extraEnv());
        progyEnv.put("HOME", HOME_PATH);
        progyEnv.put(ResultProtocol.OUTPUT_DIR_VARIABLE, OUTPUT_PATH);
        return Collections.unmodifiableMap(new TreeMap<>(EnvironmentAllowlist.forRun(fromHost, progyEnv)));
    }

    private static EgressRules egressRules(RunnerSpec runner) {
        try {
            return EgressRules.allow(runner.networkAllow());
        } catch (IllegalArgumentException e) {
            throw new ProgyException("the runner '" + runner.id() + "' lists in network_access.allow what is "
                    + e.getMessage(), "list host names such as pypi.org or *.npmjs.org in network_access.allow");
        }
    }

    private static Map<String, String> labels(RunRequest request, UUID runId) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_MANAGED, "true");
        labels.put(LABEL_COURSE, request.course().id());
        labels.put(LABEL_EXERCISE, request.exercise().id());
        labels.put(LABEL_RUNNER, request.runner().id());
        labels.put(LABEL_RUN, runId.toString());
        labels.put(LABEL_PID, Long.toString(ProcessHandle.current().pid()));
        labels.put(LABEL_HOST, RunOwner.thisHost());
        return Collections.unmodifiableMap(labels);
    }
}
