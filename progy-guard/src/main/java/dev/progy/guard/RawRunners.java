package dev.progy.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runners of a course that does not validate, read from its {@code course.json} as far as it can be: enough
 * for the Guard to look at their Dockerfiles and network access. Empty when course.json does not parse.
 */
final class RawRunners {

    private RawRunners() { }

    static List<RunnerSpec> read(Path courseRoot) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Files.readAllBytes(courseRoot.resolve("course.json")));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        JsonNode runners = json.path("runners").isArray() ? json.path("runners") : json.path("runner");
        List<RunnerSpec> out = new ArrayList<>();
        for (JsonNode r : runners.isArray() ? runners : List.of(runners)) {
            if (!r.isObject()) {
                continue;
            }
            Optional<RunnerType> parsed = RunnerType.parse(r.path("type").asText("process"));
            if (parsed.isEmpty()) {
                continue;
            }
            RunnerType type = parsed.get();
            out.add(RunnerSpec.builder(r.path("id").asText("?"), type).name(r.path("name").asText(""))
                    .command(r.path("command").asText("")).dockerfile(r.path("dockerfile").asText("Dockerfile"))
                    .networkAccess(r.path("network_access").isObject() || r.path("network_access").asBoolean(false))
                    .composeFile(r.path("compose_file").asText("docker-compose.yml"))
                    .serviceToRun(r.path("service_to_run").asText("app")).build());
        }
        return out;
    }
}
