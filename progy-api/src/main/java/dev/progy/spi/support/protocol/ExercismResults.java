package dev.progy.spi.support.protocol;

import dev.progy.spi.support.ByteSize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.support.json.JsonTrees;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Source;
import dev.progy.model.RunResult.Status;
import dev.progy.model.TestOutcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code results.json} in the shape of Exercism's test-runner interface, versions 1–3: {@code version},
 * {@code status} ({@code pass|fail|error}), {@code message}, {@code tests[{name, status, message, output,
 * test_code, task_id}]}. {@code test_code} and {@code task_id} have no place in a {@link TestOutcome} and are
 * not kept.
 */
final class ExercismResults {

    private ExercismResults() { }

    static RunResult read(String json, RawRun run, String output) {
        long bytes = utf8Length(json);
        if (bytes > ResultProtocol.RESULTS_FILE_LIMIT_BYTES) {
            return broken(run, output, "results.json is larger than "
                    + ByteSize.format(ResultProtocol.RESULTS_FILE_LIMIT_BYTES) + ", the most Progy reads; "
                    + "the course's runner must write a smaller file");
        }
        JsonNode root;
        try {
            root = JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return malformed(run, output, "it is not valid JSON" + where);
        } catch (IOException e) {
            return malformed(run, output, "it is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return malformed(run, output, "it holds no JSON object");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asInt() >= 1 && version.asInt() <= 3)) {
            return broken(run, output, "results.json has version " + version
                    + "; Progy reads versions 1 to 3 of Exercism's test-runner format");
        }
        Optional<Status> status = status(JsonFields.text(root, "status"));
        if (status.isEmpty()) {
            return malformed(run, output, "its \"status\" must be \"pass\", \"fail\" or \"error\"");
        }
        List<TestOutcome> tests = new ArrayList<>();
        JsonNode list = root.get("tests");
        if (list != null && list.isArray()) {
            for (JsonNode t : list) {
                if (t.isObject()) {
                    tests.add(new TestOutcome(JsonFields.text(t, "name"),
                            status(JsonFields.text(t, "status")).orElse(Status.FAIL), JsonFields.text(t, "message"),
                            JsonFields.text(t, "output"), Optional.empty()));
                }
            }
        }
        return ResultProtocol.reported(run, status.get(), Source.RESULTS_FILE, JsonFields.text(root, "message"),
                tests, List.of(), output, OptionalInt.empty());
    }

    private static Optional<Status> status(String s) {
        return switch (s) {
            case "pass" -> Optional.of(Status.PASS);
            case "fail" -> Optional.of(Status.FAIL);
            case "error" -> Optional.of(Status.ERROR);
            default -> Optional.empty();
        };
    }

    private static RunResult malformed(RawRun run, String output, String why) {
        return broken(run, output, "results.json is malformed: " + why
                + "; the course's runner must write Exercism's test-runner format (version, status, tests)");
    }

    private static RunResult broken(RawRun run, String output, String problem) {
        return ResultProtocol.brokenReport(run, Source.RESULTS_FILE, problem, output);
    }

    /** UTF-8 size of {@code s} without encoding it. */
    private static long utf8Length(String s) {
        if (s.length() > ResultProtocol.RESULTS_FILE_LIMIT_BYTES) {
            return s.length(); // already too large: every char is at least one byte
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
