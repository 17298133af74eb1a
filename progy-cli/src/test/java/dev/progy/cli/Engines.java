package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Whether a container engine is ready, as {@code progy doctor} sees it. Without one a test skips with the reason,
 * except in CI ({@code PROGY_REQUIRE_ENGINES=1}), where it fails.
 */
final class Engines {
    private Engines() { }

    static void requireOrSkip(Path cwd, String engine) {
        CliHarness cli = new CliHarness(cwd);
        CliHarness.Result doctor = cli.run("doctor", "--json", "--engine", engine);
        JsonNode n = CliJson.parse(doctor.out());
        if (engine.equals(n.path("containerEngine").asText())) {
            return;
        }
        String why = "container engine '" + engine + "' is not ready here:\n" + doctor;
        if ("1".equals(System.getenv("PROGY_REQUIRE_ENGINES"))) {
            fail(why + "\n(PROGY_REQUIRE_ENGINES=1: run scripts/engines.sh up and source its env first)");
        }
        Assumptions.abort(why);
    }
}
