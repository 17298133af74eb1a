package dev.progy.internal.course;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads course.json: checks it against its schema and the files it names, and builds the course's header. */
final class CourseJsonReader {

    static final String FILE = "course.json";

    /** What course.json says, with every default applied. */
    record Header(String id, String name, String version, String description, List<RunnerSpec> runners,
                  Progression progression, Setup setup, String contentRoot, String exercisesFolder) { }

    private CourseJsonReader() {
    }

    /** The header, or empty when course.json is missing or not JSON (the problems say why). */
    static Optional<Header> read(Path root, Problems problems) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            problems.add(FILE, "", "not found: a course folder must hold a course.json describing the course"
                    + " (looked in " + root + ")");
            return Optional.empty();
        }
        Optional<JsonNode> parsed = JsonFiles.read(file, problems);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = parsed.get();
        if (problems.schemaChecks()) {
            CourseSchemas.COURSE.check(json, file, problems);
        }
        if (!json.isObject()) {
            return Optional.empty();
        }
        if (json.has("repo")) {
            problems.add(file, "/repo", "`repo` is not allowed: where a course comes from is recorded by the"
                    + " registry, never claimed by the course; remove the field");
        }

        String folderName = root.getFileName() == null ? "course" : root.getFileName().toString();
        String name = JsonFields.text(json, "name").or(() -> JsonFields.text(json, "title")).orElse(folderName);
        JsonNode content = json.path("content");
        Header header = new Header(
                JsonFields.text(json, "id").filter(id -> !id.isBlank()).orElseGet(() -> slug(name, folderName)),
                name,
                JsonFields.text(json, "version", "1.0.0"),
                JsonFields.text(json, "description", ""),
                runners(json),
                progression(json.path("progression")),
                setup(json.path("setup")),
                JsonFields.text(content, "root", "."),
                JsonFields.text(content, "exercises", "content"));

        RunnerChecks.check(json, header.runners(), root, file, problems);
        checkFolder(root, header.contentRoot(), file, content.has("root") ? "/content/root" : "",
                "`content.root`", problems);
        checkFolder(root, header.exercisesFolder(), file, content.has("exercises") ? "/content/exercises" : "",
                "the exercises folder (`content.exercises`)", problems);
        header.setup().guide().ifPresent(guide -> {
            Optional<Path> target = RunnerChecks.inside(root, guide);
            if (target.isEmpty()) {
                problems.add(file, "/setup/guide", "`setup.guide` \"" + guide + "\" leads outside the course folder");
            } else if (!Files.isRegularFile(target.get())) {
                problems.add(file, "/setup/guide", "`setup.guide` names \"" + guide + "\", which does not exist;"
                        + " add that Markdown file or remove the field");
            }
        });
        return Optional.of(header);
    }

    /**
     * The id of a course.json without one, as the original derived it: its name in lower case, every run of other
     * characters than letters and digits made one {@code -}, no {@code -} at either end ("SQL Basics!" →
     * {@code sql-basics}). Never the folder's name: an installed course lies in {@code .progy/course/}, so two
     * different courses would share one id in a workspace, in progress and on the sync server.
     */
    static String slug(String name, String fallback) {
        String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (!slug.isEmpty()) {
            return slug;
        }
        String folder = fallback.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return folder.isEmpty() ? "course" : folder;
    }

    private static List<RunnerSpec> runners(JsonNode json) {
        List<RunnerSpec> out = new ArrayList<>();
        JsonNode list = json.get("runners");
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                out.add(runner(list.get(i), "runner-" + (i + 1)));
            }
        } else if (json.path("runner").isObject()) {
            // the original's older courses declare one `runner` object instead of a list
            out.add(runner(json.get("runner"), "default"));
        }
        return out;
    }

    private static RunnerSpec runner(JsonNode r, String fallbackId) {
        String id = JsonFields.text(r, "id", fallbackId);
        RunnerType type = JsonFields.text(r, "type").flatMap(RunnerType::parse).orElse(RunnerType.PROCESS);
        RunnerSpec.Limits defaults = RunnerSpec.Limits.DEFAULT;
        double timeoutSeconds = JsonFields.number(r, "timeout_seconds", defaults.timeout().toMillis() / 1000.0);
        RunnerSpec.Limits limits = new RunnerSpec.Limits(
                Duration.ofMillis(Math.round(timeoutSeconds * 1000)),
                Math.max(1, JsonFields.integer(r, "memory_mb", defaults.memoryMb())),
                JsonFields.number(r, "cpus", defaults.cpus()),
                Math.max(1, JsonFields.integer(r, "pids", defaults.pids())),
                Math.max(1, JsonFields.integer(r, "disk_mb", defaults.diskMb())));
        JsonNode network = r.path("network_access");
        List<String> allow = network.isObject() ? JsonFields.strings(network, "allow") : List.of();
        return new RunnerSpec(
                id,
                JsonFields.text(r, "name", id),
                type,
                JsonFields.text(r, "command", ""),
                JsonFields.strings(r, "args"),
                JsonFields.text(r, "cwd").filter(s -> !s.isBlank()),
                JsonFields.text(r, "dockerfile", "Dockerfile"),
                JsonFields.text(r, "image_tag").filter(s -> !s.isBlank()),
                network.isObject() ? !allow.isEmpty() : JsonFields.bool(r, "network_access", false),
                JsonFields.text(r, "compose_file", "docker-compose.yml"),
                JsonFields.text(r, "service_to_run", "app"),
                limits,
                allow);
    }

    private static Progression progression(JsonNode p) {
        Progression.Mode mode = "open".equals(JsonFields.text(p, "mode", "sequential"))
                ? Progression.Mode.OPEN : Progression.Mode.SEQUENTIAL;
        return new Progression(mode, JsonFields.bool(p, "strict_module_order", false));
    }

    private static Setup setup(JsonNode s) {
        List<Setup.Check> checks = new ArrayList<>();
        for (JsonNode c : JsonFields.objects(s, "checks")) {
            JsonFields.text(c, "command").ifPresent(command ->
                    checks.add(new Setup.Check(JsonFields.text(c, "name", command), command)));
        }
        return new Setup(checks, JsonFields.text(s, "guide").filter(g -> !g.isBlank()));
    }

    private static void checkFolder(Path root, String relative, Path file, String pointer, String what,
                                    Problems problems) {
        Optional<Path> folder = RunnerChecks.inside(root, relative);
        if (folder.isEmpty()) {
            problems.add(file, pointer, what + " \"" + relative + "\" leads outside the course folder;"
                    + " use a folder inside it");
        } else if (!Files.isDirectory(folder.get())) {
            problems.add(file, pointer, what + " \"" + relative + "\" does not exist; create the folder or fix"
                    + " the path (it is relative to the course root)");
        }
    }
}
