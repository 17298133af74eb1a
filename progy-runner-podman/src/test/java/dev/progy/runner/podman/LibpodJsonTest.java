package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libpod API's JSON without an {@code ObjectMapper} (whose static set-up was ≈ 17 % of a cold Podman run's CPU):
 * the same text and the same trees as the {@code ObjectMapper} calls it replaces, and no {@code ObjectMapper} made
 * by a run's calls in a fresh JVM.
 */
class LibpodJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesWhatTheObjectMapperWrote() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("dev.progy.course", "box \"1\" é");
        labels.put("dev.progy.run", "a=b");
        assertThat(LibpodJson.text(LibpodJson.strings(labels))).isEqualTo(MAPPER.valueToTree(labels).toString());
        List<String> argv = List.of("sh", "-c", "echo \\n\t<x>");
        assertThat(LibpodJson.text(LibpodJson.strings(argv))).isEqualTo(MAPPER.valueToTree(argv).toString());
        var body = LibpodJson.object().put("Detach", false).put("n", 3);
        body.set("Cmd", LibpodJson.strings(argv));
        assertThat(new String(LibpodJson.bytes(body), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(body));
    }

    @Test
    void readsWhatTheObjectMapperRead() throws Exception {
        for (String text : List.of("{\"message\":\"no such image\",\"response\":404}", "[1, 2.5, \"x\", null, true]",
                "{\"a\":{\"b\":[{}]}} trailing", "", "  ", "12345678901234")) {
            assertThat(LibpodJson.read(text)).as(text).isEqualTo(MAPPER.readTree(text));
        }
    }

    @Test
    void aRunsCallsMakeNoObjectMapper() throws Exception {
        PodmanEngine.requireOrSkip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), InChildJvm.class.getName(), PodmanEngine.address().uri()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("podman version ");
        assertThat(output).as("Jackson's ObjectMapper and the date format its set-up makes")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
                .doesNotContain("com.fasterxml.jackson.databind.util.StdDateFormat ");
    }

    /** Asks the service what it is and which containers carry a label, as a run does first. */
    static final class InChildJvm {
        public static void main(String[] args) throws Exception {
            try (LibpodClient podman = new LibpodClient(new dev.progy.spi.container.EngineLocation(args[0]))) {
                System.out.println("podman version " + podman.info().version());
                System.out.println("images: " + podman.images(Map.of("dev.progy.test", "none")).size());
            }
        }
    }
}
