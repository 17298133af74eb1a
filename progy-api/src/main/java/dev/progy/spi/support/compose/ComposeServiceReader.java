package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.support.compose.ComposeService.Build;
import dev.progy.spi.support.compose.ComposeService.Condition;
import dev.progy.spi.support.compose.ComposeService.Dependency;
import dev.progy.spi.support.compose.ComposeService.Healthcheck;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one service of a compose file (its {@code extends} already applied) into a {@link ComposeService}:
 * the keys carried over are read here, every other key is judged by {@link ComposeRules}.
 */
final class ComposeServiceReader {

    /** The keys carried over to the engine; {@code extends} is applied before. */
    static final Set<String> CARRIED = Set.of("image", "build", "command", "entrypoint", "environment",
            "env_file", "depends_on", "healthcheck", "volumes", "user", "working_dir", "extends");

    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}");
    private static final Set<String> BUILD_IGNORED = Set.of("labels", "cache_from", "cache_to", "tags", "platforms",
            "pull", "no_cache", "shm_size", "extra_hosts", "ulimits");
    private static final Map<String, String> BUILD_REFUSED = Map.of(
            "privileged", "would build with every capability",
            "entitlements", "would grant the build extra privileges",
            "additional_contexts", "is not supported: keep everything the build needs in its context",
            "ssh", "would hand the build your SSH agent",
            "secrets", "would hand the build files or variables of your machine",
            "dockerfile_inline", "is not supported: put the Dockerfile in the course",
            "isolation", "would change how the build is isolated");
    private static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(30);

    private final ComposePaths paths;
    private final ComposeMounts mounts;
    private final ComposeFindings findings;

    ComposeServiceReader(ComposePaths paths, Set<String> declaredVolumes, ComposeFindings findings) {
        this.paths = paths;
        this.mounts = new ComposeMounts(paths, declaredVolumes, findings);
        this.findings = findings;
    }

    /** The service {@code name} of {@code file}; null when it has problems (added to the findings). */
    ComposeService read(String file, String name, JsonNode node) {
        int before = findings.problemCount();
        String base = ComposePaths.folderOf(file);
        String at = "services." + name;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!CARRIED.contains(e.getKey())) {
                ComposeRules.judge(file, name, e.getKey(), e.getValue(), findings);
            }
        }
        Optional<Build> build = node.has("build") ? build(file, base, at + ".build", node.get("build")) : Optional.empty();
        Optional<String> image = ComposeValues.text(node.get("image"));
        if (image.isPresent() && !IMAGE.matcher(image.get()).matches()) {
            findings.problem(file, at + ".image", "'" + image.get() + "' is not an image name");
        }
        if (build.isPresent() && image.isPresent()) {
            findings.note(file, at + ".image", "not used as the built image's name: Progy tags what it builds in"
                    + " its own progy/ namespace, so a course never stands in for another image");
            image = Optional.empty();
        } else if (build.isEmpty() && image.isEmpty() && !node.has("build")) {
            findings.problem(file, at, "has neither image nor build: say which image it runs, or build it from a"
                    + " folder of the course");
        }
        Optional<List<String>> entrypoint = commandLine(file, at + ".entrypoint", node.get("entrypoint"));
        Optional<List<String>> command = commandLine(file, at + ".command", node.get("command"));
        Map<String, String> environment = environment(file, base, at, node);
        List<Dependency> dependsOn = dependsOn(file, at + ".depends_on", node.get("depends_on"));
        Optional<Healthcheck> health = node.has("healthcheck")
                ? healthcheck(file, at + ".healthcheck", node.get("healthcheck")) : Optional.empty();
        List<ComposeService.Mount> mounted = mounts.read(file, base, name, node.get("volumes"));
        Optional<String> user = ComposeValues.text(node.get("user"));
        Optional<String> workingDir = ComposeValues.text(node.get("working_dir"));
        if (workingDir.isPresent() && !workingDir.get().startsWith("/")) {
            findings.problem(file, at + ".working_dir", "must be an absolute path in the container");
        }
        if (findings.problemCount() > before) {
            return null;
        }
        return new ComposeService(name, image, build, entrypoint, command, environment, dependsOn, health, mounted,
                user, workingDir);
    }

    private Optional<Build> build(String file, String base, String at, JsonNode node) {
        if (node.isTextual()) {
            return context(file, base, at, node.asText(), "Dockerfile", Map.of(), Optional.empty());
        }
        if (!node.isObject()) {
            findings.problem(file, at, "must be a folder of the course or a mapping with context and dockerfile");
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (BUILD_REFUSED.containsKey(key) && ComposeValues.isSet(e.getValue())) {
                findings.problem(file, at + "." + key, "refused: " + key + " " + BUILD_REFUSED.get(key));
            } else if (key.equals("network")) {
                if (ComposeValues.text(e.getValue()).orElse("").equalsIgnoreCase("host")) {
                    findings.problem(file, at + ".network", "refused: building on your machine's network is not"
                            + " allowed; builds use the engine's default network");
                }
            } else if (BUILD_IGNORED.contains(key)) {
                findings.note(file, at + "." + key, "ignored");
            } else if (!Set.of("context", "dockerfile", "args", "target").contains(key) && !key.startsWith("x-")
                    && !BUILD_REFUSED.containsKey(key)) {
                findings.problem(file, at + "." + key, "refused: '" + key + "' is not a build key Progy knows");
            }
        }
        Map<String, String> args = keyValues(file, at + ".args", node.get("args"));
        return context(file, base, at, ComposeValues.text(node.get("context")).orElse("."),
                ComposeValues.text(node.get("dockerfile")).orElse("Dockerfile"), args,
                ComposeValues.text(node.get("target")));
    }

    private Optional<Build> context(String file, String base, String at, String context, String dockerfile,
                                    Map<String, String> args, Optional<String> target) {
        String contextDir;
        String dockerfileInCourse;
        try {
            contextDir = paths.inside(base, context);
        } catch (ComposePaths.Refused r) {
            findings.problem(file, at, "refused: the build context " + r.getMessage());
            return Optional.empty();
        }
        try {
            dockerfileInCourse = paths.inside(contextDir, dockerfile);
        } catch (ComposePaths.Refused r) {
            findings.problem(file, at + ".dockerfile", "refused: the Dockerfile " + r.getMessage());
            return Optional.empty();
        }
        String prefix = contextDir.equals(".") ? "" : contextDir + "/";
        if (!dockerfileInCourse.startsWith(prefix) || dockerfileInCourse.equals(contextDir)) {
            findings.problem(file, at + ".dockerfile", "the Dockerfile '" + dockerfile + "' must lie inside the"
                    + " build context " + contextDir);
            return Optional.empty();
        }
        return Optional.of(new Build(contextDir, dockerfileInCourse.substring(prefix.length()), args, target));
    }

    private Optional<List<String>> commandLine(String file, String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isArray()) {
            List<String> argv = new ArrayList<>();
            for (JsonNode word : node) {
                if (word.isContainerNode() || word.isNull()) {
                    findings.problem(file, at, "must be a list of words (strings)");
                    return Optional.empty();
                }
                argv.add(word.asText());
            }
            return Optional.of(argv);
        }
        try {
            // compose splits a string into words; it never hands it to a shell
            return Optional.of(ComposeValues.words(node.asText()));
        } catch (IllegalArgumentException e) {
            findings.problem(file, at, e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, String> environment(String file, String base, String at, JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode files = node.get("env_file");
        if (files != null && !files.isNull()) {
            int i = 0;
            for (JsonNode f : files.isArray() ? files : List.of(files)) {
                envFile(file, base, at + ".env_file[" + i++ + "]", f, env);
            }
        }
        env.putAll(keyValues(file, at + ".environment", node.get("environment")));
        return env;
    }

    private void envFile(String file, String base, String at, JsonNode entry, Map<String, String> env) {
        String path = ComposeValues.text(entry.isObject() ? entry.get("path") : entry).orElse("");
        boolean required = !entry.isObject() || !entry.has("required") || ComposeValues.isSet(entry.get("required"));
        String inCourse;
        try {
            inCourse = paths.inside(base, path);
        } catch (ComposePaths.Refused r) {
            if (!required && r.getMessage().contains("does not exist")) {
                return;
            }
            findings.problem(file, at, "refused: the env file " + r.getMessage());
            return;
        }
        try {
            ComposeVariables.EnvFile read = ComposeVariables.readEnvFile(paths.root().resolve(inCourse));
            env.putAll(read.values());
            for (String name : read.withoutValue()) {
                findings.note(inCourse, name, "no value: compose would take it from your machine's environment,"
                        + " which never reaches a run");
            }
        } catch (IllegalArgumentException | IOException e) {
            findings.problem(inCourse, "", "the env file " + e.getMessage());
        }
    }

    /** {@code NAME: value} or {@code [NAME=value]}; a name without a value is left out with a note. */
    private Map<String, String> keyValues(String file, String at, JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                put(file, at, e.getKey(), ComposeValues.text(e.getValue()).orElse(null), values);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String s = ComposeValues.text(item).orElse("");
                int eq = s.indexOf('=');
                put(file, at, eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1), values);
            }
        } else {
            findings.problem(file, at, "must be a mapping (NAME: value) or a list (NAME=value)");
        }
        return values;
    }

    private void put(String file, String at, String name, String value, Map<String, String> values) {
        if (name.isBlank() || name.contains("=") || name.indexOf('\0') >= 0) {
            findings.problem(file, at, "'" + name + "' is not a variable name");
        } else if (value == null) {
            findings.note(file, at + "." + name, "no value: compose would take it from your machine's environment,"
                    + " which never reaches a run");
        } else {
            values.put(name, value);
        }
    }

    private List<Dependency> dependsOn(String file, String at, JsonNode node) {
        List<Dependency> deps = new ArrayList<>();
        if (node == null || node.isNull()) {
            return deps;
        }
        if (node.isArray()) {
            node.forEach(n -> deps.add(new Dependency(n.asText(), Condition.STARTED)));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String condition = ComposeValues.text(e.getValue().path("condition")).orElse("service_started");
                switch (condition) {
                    case "service_started" -> deps.add(new Dependency(e.getKey(), Condition.STARTED));
                    case "service_healthy" -> deps.add(new Dependency(e.getKey(), Condition.HEALTHY));
                    case "service_completed_successfully" ->
                            deps.add(new Dependency(e.getKey(), Condition.COMPLETED_SUCCESSFULLY));
                    default -> findings.problem(file, at + "." + e.getKey() + ".condition", "'" + condition
                            + "' is not a condition compose knows (service_started, service_healthy,"
                            + " service_completed_successfully)");
                }
            }
        } else {
            findings.problem(file, at, "must be a list of services or a mapping of service: {condition: ...}");
        }
        return deps;
    }

    private Optional<Healthcheck> healthcheck(String file, String at, JsonNode node) {
        if (!node.isObject()) {
            findings.problem(file, at, "must be a mapping with test, interval, timeout, retries");
            return Optional.empty();
        }
        if (ComposeValues.isSet(node.get("disable"))) {
            return Optional.of(new Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, 0, Duration.ZERO));
        }
        JsonNode test = node.get("test");
        List<String> form;
        if (test == null || test.isNull()) {
            findings.note(file, at, "ignored: without a test the image's own health check applies as it is");
            return Optional.empty();
        } else if (test.isArray()) {
            form = new ArrayList<>();
            test.forEach(t -> form.add(t.asText()));
            if (form.isEmpty() || !Set.of("CMD", "CMD-SHELL", "NONE").contains(form.get(0))) {
                findings.problem(file, at + ".test", "a list must start with CMD, CMD-SHELL or NONE");
                return Optional.empty();
            }
        } else {
            // a string is a shell command, as compose reads it: the course's own text, run by the image's shell
            form = List.of("CMD-SHELL", test.asText());
        }
        try {
            Duration interval = duration(node, "interval",
                    Duration.ofMillis(ComposeProject.DEFAULT_HEALTH_INTERVAL_MS));
            Duration timeout = duration(node, "timeout", DEFAULT_HEALTH_TIMEOUT);
            Duration startPeriod = duration(node, "start_period", Duration.ZERO);
            int retries = Integer.parseInt(ComposeValues.text(node.get("retries")).orElse("3"));
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more");
            }
            return Optional.of(new Healthcheck(form, interval, timeout, retries, startPeriod));
        } catch (IllegalArgumentException e) {
            findings.problem(file, at, e instanceof NumberFormatException ? "retries must be a whole number"
                    : e.getMessage());
            return Optional.empty();
        }
    }

    private static Duration duration(JsonNode node, String key, Duration otherwise) {
        return ComposeValues.text(node.get(key)).map(ComposeValues::duration).orElse(otherwise);
    }
}
