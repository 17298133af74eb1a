package org.example.progytool;

import dev.progy.model.RunResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NextExerciseTest {

    /** This tool lives in examples/embedding; the sample course and the README are beside it. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the tool runs the sample course's first exercise: its starter fails, our listener and store see it")
    void runsTheNextExercise() {
        MemoryProgressStore store = new MemoryProgressStore();
        OutputCounter counter = new OutputCounter();

        RunResult result = NextExercise.run(REPO.resolve("examples/java-basics").toString(), tmp.resolve("ws"),
                store, counter);

        assertThat(result.status()).as("the first starter fails until the student fixes it")
                .isNotEqualTo(RunResult.Status.PASS);
        assertThat(counter.started()).isTrue();
        assertThat(counter.finished()).isEqualTo(result);
        assertThat(store.load("java-basics").exercises()).as("the run was recorded in our own store").isNotEmpty();
    }

    @Test
    @DisplayName("the README's embedding example is this tool's code, line for line")
    void readmeShowsThisCode() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## Embedding the SDK\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a java block under 'Embedding the SDK'").isTrue();
        String code = Files.readString(Path.of("src/main/java/org/example/progytool/NextExercise.java"),
                StandardCharsets.UTF_8);
        List<String> lines = m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).isNotEmpty();
        List<String> ours = code.lines().map(String::strip).toList();
        assertThat(ours).containsSubsequence(lines);
    }
}
