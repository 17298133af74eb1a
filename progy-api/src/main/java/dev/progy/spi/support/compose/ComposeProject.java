package dev.progy.spi.support.compose;

import dev.progy.spi.support.sandbox.EnvironmentAllowlist;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.CourseInvalidException;
import dev.progy.error.ProgyException;
import dev.progy.error.UnsafePathException;
import dev.progy.model.CourseProblem;
import dev.progy.model.RunnerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A course's compose file ({@code docker-compose} runners), read and held to the sandbox before any engine is
 * asked for anything: the engine-neutral half of a compose run, which the Docker and Podman runners translate
 * into their own calls. {@link #load} reads the runner's {@code compose_file} (default
 * {@value #DEFAULT_FILE}) from the course's pristine root and either returns the project or throws one
 * {@link CourseInvalidException} listing every problem at once, each with its file, its key
 * ({@code services.db.privileged}) and what to do.
 *
 * <h2>Refused: what would let a service out of the sandbox</h2>
 * {@code privileged}; {@code network_mode}, {@code pid}, {@code ipc}, {@code uts}, {@code userns_mode} or
 * {@code cgroup} set to {@code host}, {@code service:...} or {@code container:...}; {@code cap_add};
 * {@code devices}; {@code security_opt} other than {@code no-new-privileges} (turning off seccomp, AppArmor or
 * SELinux labels above all); {@code sysctls}; {@code cgroup_parent}; {@code volumes_from};
 * {@code external_links}; runtimes, GPUs, the engine's socket, secrets and configs (which read files or variables
 * of the host); any host path outside the course — bind mounts (short or long form), build contexts,
 * Dockerfiles, {@code env_file}s and files named by {@code extends} — whether absolute, under {@code ~}, climbing
 * out with {@code ..} or leading out through a link; external volumes and networks, and volume driver options
 * (the local driver's {@code o: bind} mounts a host folder); remote build contexts. Unknown keys are refused too:
 * a key Progy has not checked could be a new way out. The full tables are on the package-private rules class.
 *
 * <h2>Changed or left out, with a note ({@link #notes()})</h2>
 * {@code ports} are <b>dropped</b>: nothing of a run is published on the host — the test reaches every service by
 * its name on the run's private network, which has no outside access, so a published port could only expose the
 * run to the host's other users and clash with what already listens there. Resource settings give way to the
 * runner's limits; names, restart policies, logging and the like to Progy's own. Course folders are always
 * mounted read-only. A {@code build} service's {@code image} name is not used: the adapter tags what it builds in
 * its {@code progy/} namespace, so a course never stands in for another image.
 *
 * <h2>How values are read</h2>
 * Variables ({@code ${NAME}}, {@code ${NAME:-default}}) come from the course's {@code .env} beside the compose
 * file only — never from the host's environment, which holds the student's tokens; and an {@code environment}
 * entry without a value (which compose fills from the host) is left out. A string {@code command} or
 * {@code entrypoint} is split into words as compose splits it, never handed to a shell; only a health check's
 * string {@code test} is a shell command ({@code CMD-SHELL}), as compose reads it — the course's own text, never
 * built from ids or paths. Anchors, aliases and merge keys are expanded within limits, so a "billion laughs" file
 * is refused (see {@link #MAX_FILE_BYTES}). Images are never pulled (no registry is reachable): a service without
 * {@code build} names an image the engine must already have, which the adapter checks before creating anything.
 */
public final class ComposeProject {

    /** The compose file read when the runner names none. */
    public static final String DEFAULT_FILE = "docker-compose.yml";
    /** The service the test runs in when the runner names none. */
    public static final String DEFAULT_SERVICE = "app";
    /** The largest compose file (or file it extends or env file) read, in bytes. */
    public static final int MAX_FILE_BYTES = ComposeYaml.MAX_BYTES;
    /** The time between health checks when the compose file sets none, in milliseconds (Docker's is 30 s). */
    public static final long DEFAULT_HEALTH_INTERVAL_MS = 1000;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> TOP_LEVEL = Set.of("services", "volumes", "networks", "version", "name");

    private final Path courseRoot;
    private final String file;
    private final List<ComposeService> services;
    private final ComposeService serviceToRun;
    private final List<String> volumes;
    private final Map<String, String> testEnvironment;
    private final List<String> notes;

    private ComposeProject(Path courseRoot, String file, List<ComposeService> services, ComposeService serviceToRun,
                           List<String> volumes, Map<String, String> testEnvironment, List<String> notes) {
        this.courseRoot = courseRoot;
        this.file = file;
        this.services = List.copyOf(services);
        this.serviceToRun = serviceToRun;
        this.volumes = List.copyOf(volumes);
        this.testEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(testEnvironment));
        this.notes = List.copyOf(notes);
    }

    /**
     * The compose project of a {@code docker-compose} runner: its {@code compose_file} and {@code service_to_run}.
     *
     * @param courseRoot the course's pristine root (never a student's workspace: they could edit it)
     * @throws CourseInvalidException listing every problem: the file missing or not YAML, a refused setting, the
     *                                service to run missing, a dependency loop
     */
    public static ComposeProject load(Path courseRoot, RunnerSpec runner) {
        return load(courseRoot, runner.composeFile(), runner.serviceToRun());
    }

    /**
     * The compose project in {@code composeFile} (relative to {@code courseRoot}; {@value #DEFAULT_FILE} when
     * blank), to run the test in {@code serviceToRun} ({@value #DEFAULT_SERVICE} when blank).
     *
     * @throws CourseInvalidException listing every problem found
     */
    public static ComposeProject load(Path courseRoot, String composeFile, String serviceToRun) {
        String declared = composeFile == null || composeFile.isBlank() ? DEFAULT_FILE : composeFile;
        String runName = serviceToRun == null || serviceToRun.isBlank() ? DEFAULT_SERVICE : serviceToRun;
        Path root;
        try {
            root = courseRoot.toRealPath();
        } catch (IOException e) {
            throw invalid(courseRoot, List.of(new CourseProblem(declared, "", "the course folder " + courseRoot
                    + " cannot be read: " + e.getMessage())));
        }
        ComposeFindings findings = new ComposeFindings();
        ComposePaths paths = new ComposePaths(root);
        String file;
        try {
            file = paths.inside(".", declared);
        } catch (ComposePaths.Refused r) {
            findings.problem(declared, "", "the runner's compose_file " + r.getMessage()
                    + "; a docker-compose runner needs its compose file inside the course");
            throw invalid(root, findings.problems());
        }
        JsonNode document;
        try {
            document = ComposeYaml.read(root.resolve(file));
        } catch (ComposeYaml.Unreadable u) {
            findings.problem(file, u.location, "the compose file " + u.getMessage());
            throw invalid(root, findings.problems());
        }
        if (!document.isObject()) {
            findings.problem(file, "", "the compose file is not a mapping of top-level keys (services:, volumes:)");
            throw invalid(root, findings.problems());
        }
        ComposeVariables variables = variables(paths, file, findings);
        JsonNode filled;
        try {
            filled = variables.fill(document, "");
        } catch (IllegalArgumentException e) {
            findings.problem(file, "", e.getMessage());
            throw invalid(root, findings.problems());
        }
        ComposeProject project = new Reading(paths, file, variables, findings).project((ObjectNode) filled, runName);
        if (findings.problemCount() > 0) {
            throw invalid(root, findings.problems());
        }
        return project;
    }

    private static ComposeVariables variables(ComposePaths paths, String file, ComposeFindings findings) {
        String folder = ComposePaths.folderOf(file);
        Path env = paths.root().resolve(folder.equals(".") ? ".env" : folder + "/.env");
        if (!Files.exists(env) && !Files.isSymbolicLink(env)) {
            return new ComposeVariables(Map.of());
        }
        try {
            String inCourse = paths.inside(folder, ".env");
            return new ComposeVariables(ComposeVariables.readEnvFile(paths.root().resolve(inCourse)).values());
        } catch (ComposePaths.Refused r) {
            findings.problem(file, ".env", "refused: the variables file " + r.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            findings.problem(file, ".env", "the variables file " + e.getMessage());
        }
        return new ComposeVariables(Map.of());
    }

    private static CourseInvalidException invalid(Path root, List<CourseProblem> problems) {
        return new CourseInvalidException(root.toString(), problems);
    }

    /** The course root the file was read from (a real path); every {@link ComposeService.Mount} and build is relative to it. */
    public Path courseRoot() {
        return courseRoot;
    }

    /**
     * The real path of a course file a service mounts, checked once more as it is mounted: a link may have
     * changed since the compose file was read.
     *
     * @throws UnsafePathException when it now leads out of the course
     * @throws ProgyException      when it is gone
     */
    public Path mountSource(String relative) {
        try {
            Path real = courseRoot.resolve(relative).toRealPath();
            if (real.startsWith(courseRoot)) {
                return real;
            }
        } catch (IOException e) {
            throw new ProgyException("the course file " + relative + " that the compose file mounts is gone: "
                    + e.getMessage(), "restore the course (progy init again)");
        }
        throw new UnsafePathException("refused to mount " + relative + ": it now leads out of the course " + courseRoot);
    }

    /** The compose file, relative to the course root, {@code /}-separated. */
    public String file() {
        return file;
    }

    /** Every service, in start order: each after the services it depends on, the service to run last. */
    public List<ComposeService> services() {
        return services;
    }

    /** The service the test runs in ({@code service_to_run}); an adapter runs it under the {@link SandboxPolicy}. */
    public ComposeService serviceToRun() {
        return serviceToRun;
    }

    /** The services to start before the test, in start order: every service but {@link #serviceToRun()}. */
    public List<ComposeService> supportingServices() {
        return services.subList(0, services.size() - 1);
    }

    /** The named volumes the file declares; an adapter makes one of each per run and removes it afterwards. */
    public List<String> volumes() {
        return volumes;
    }

    /**
     * The environment the test gets from the service it runs in: that service's {@code environment} and
     * {@code env_file}s, less names that {@linkplain EnvironmentAllowlist#looksSecret look like secrets} (the
     * sandbox refuses to hand those to course code; each is left out with a note). An adapter adds it to the run's
     * own variables, which win.
     */
    public Map<String, String> testEnvironment() {
        return testEnvironment;
    }

    /** What Progy left out or changed, each as {@code file (key): what and why}, for the student and the author. */
    public List<String> notes() {
        return notes;
    }

    /** One reading of the top level of a compose file. */
    private static final class Reading {
        private final ComposePaths paths;
        private final String file;
        private final ComposeVariables variables;
        private final ComposeFindings findings;

        Reading(ComposePaths paths, String file, ComposeVariables variables, ComposeFindings findings) {
            this.paths = paths;
            this.file = file;
            this.variables = variables;
            this.findings = findings;
        }

        ComposeProject project(ObjectNode top, String runName) {
            for (Iterator<String> keys = top.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                    findings.problem(file, key, key.equals("include") || key.equals("secrets") || key.equals("configs")
                            ? "refused: '" + key + "' is not supported (it reads files Progy does not check); keep"
                            + " everything in this compose file and the course's own files"
                            : "refused: '" + key + "' is not a top-level compose key Progy knows");
                }
            }
            Set<String> declared = volumes(top.get("volumes"));
            networks(top.get("networks"));
            JsonNode servicesNode = top.get("services");
            if (servicesNode == null || !servicesNode.isObject() || servicesNode.isEmpty()) {
                findings.problem(file, "services", "is missing or empty: list the course's services under services:");
                return null;
            }
            ComposeExtends extending = new ComposeExtends(paths, variables, findings);
            extending.known(file, servicesNode);
            ComposeServiceReader reader = new ComposeServiceReader(paths, declared, findings);
            Map<String, ComposeService> read = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = servicesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                if (!NAME.matcher(name).matches()) {
                    findings.problem(file, "services." + name, "'" + name + "' is not a service name: use letters,"
                            + " digits, '.', '_' and '-', at most 63, starting with a letter or digit");
                    continue;
                }
                if (!e.getValue().isObject()) {
                    findings.problem(file, "services." + name, "must be a mapping of the service's settings");
                    continue;
                }
                extending.apply(file, name, (ObjectNode) e.getValue())
                        .map(service -> reader.read(file, name, service))
                        .ifPresent(service -> read.put(name, service));
            }
            for (String name : variables.unset()) {
                findings.note(file, "${" + name + "}", "not set in the course's .env, so empty (Progy never reads"
                        + " your machine's environment)");
            }
            if (!servicesNode.has(runName)) {
                findings.problem(file, "services", "has no service '" + runName + "', the runner's service_to_run;"
                        + " its services are " + String.join(", ", iterable(servicesNode.fieldNames())));
                return null;
            }
            if (findings.problemCount() > 0) {
                return null;
            }
            List<ComposeService> ordered = new ComposeStartOrder(file, findings).order(read, runName);
            if (findings.problemCount() > 0) {
                return null;
            }
            ComposeService run = ordered.get(ordered.size() - 1);
            Map<String, String> testEnvironment = testEnvironment(run);
            return new ComposeProject(paths.root(), file, ordered, run, new ArrayList<>(declared), testEnvironment,
                    findings.notes());
        }

        /** The service to run's environment as the test gets it; what the test does not use, noted. */
        private Map<String, String> testEnvironment(ComposeService run) {
            String at = "services." + run.name();
            List<String> unused = new ArrayList<>();
            run.entrypoint().ifPresent(e -> unused.add("entrypoint"));
            run.command().ifPresent(c -> unused.add("command"));
            if (!run.mounts().isEmpty()) {
                unused.add("volumes");
            }
            run.user().ifPresent(u -> unused.add("user"));
            run.workingDir().ifPresent(w -> unused.add("working_dir"));
            run.healthcheck().ifPresent(h -> unused.add("healthcheck"));
            if (!unused.isEmpty()) {
                findings.note(file, at, String.join(", ", unused) + " not used: the test runs the runner's command"
                        + " in this service's image, under Progy's sandbox (the exercise's files mounted, its own user)");
            }
            Map<String, String> env = new LinkedHashMap<>();
            run.environment().forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches() || value.indexOf('\0') >= 0) {
                    findings.note(file, at + ".environment." + name, "not passed to the test: the sandbox passes only"
                            + " names of letters, digits and '_' (not starting with a digit) and values without NUL");
                } else if (EnvironmentAllowlist.looksSecret(name)) {
                    findings.note(file, at + ".environment." + name, "not passed to the test: its name looks like a"
                            + " secret, and course code never gets one; the other services still get it");
                } else {
                    env.put(name, value);
                }
            });
            return env;
        }

        private Set<String> volumes(JsonNode node) {
            Set<String> names = new LinkedHashSet<>();
            if (node == null || node.isNull()) {
                return names;
            }
            if (!node.isObject()) {
                findings.problem(file, "volumes", "must be a mapping of volume names");
                return names;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "volumes." + e.getKey();
                JsonNode v = e.getValue();
                if (!NAME.matcher(e.getKey()).matches()) {
                    findings.problem(file, at, "'" + e.getKey() + "' is not a volume name");
                } else if (ComposeValues.isSet(v.path("external"))) {
                    findings.problem(file, at + ".external", "refused: an external volume is not the run's own; it"
                            + " would share data with whatever else uses it. Drop external: the run makes its own");
                } else if (!ComposeValues.text(v.path("driver")).orElse("local").equals("local")) {
                    findings.problem(file, at + ".driver", "refused: only the engine's local volume driver is used");
                } else if (ComposeValues.isSet(v.path("driver_opts"))) {
                    findings.problem(file, at + ".driver_opts", "refused: driver options can mount a folder of your"
                            + " machine (o: bind); the run's volumes are plain, empty volumes");
                } else {
                    if (v.has("name") || v.has("labels")) {
                        findings.note(file, at, "name and labels ignored: Progy names and labels each run's volumes");
                    }
                    names.add(e.getKey());
                }
            }
            return names;
        }

        private void networks(JsonNode node) {
            if (node == null || node.isNull() || !node.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (ComposeValues.isSet(e.getValue().path("external"))) {
                    findings.problem(file, "networks." + e.getKey() + ".external", "refused: an external network"
                            + " would connect the run to containers that are not its own");
                } else {
                    findings.note(file, "networks." + e.getKey(), "ignored: every service joins the run's one"
                            + " private network, which has no outside access");
                }
            }
        }

        private static List<String> iterable(Iterator<String> it) {
            List<String> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            return list;
        }
    }

    @Override
    public String toString() {
        return "ComposeProject[" + file + ", services=" + services.stream().map(ComposeService::name).toList()
                + ", run=" + serviceToRun.name() + "]";
    }
}
