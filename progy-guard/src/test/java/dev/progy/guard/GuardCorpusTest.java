package dev.progy.guard;

import dev.progy.guard.rule.Severity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Guard on a corpus of whole courses (src/test/resources/corpus): every malicious course fails with the
 * findings {@code expectations.tsv} names, at their file and line, and every benign course — the two sample courses
 * among them — passes. Prints the detection and false-positive rates of each set: the cases written before the
 * detection fixes, the {@code v2-} cases written after the first round of fixes and the {@code v3-} cases written
 * after the second, and the {@code v4-} cases written blind, without reading the checks or the earlier cases (each set
 * measured before it was used to adjust the checks).
 */
class GuardCorpusTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");

    /** One finding a malicious case must produce. */
    private record Expected(String rule, String file, int line) {
        @Override
        public String toString() {
            return rule + " " + file + ":" + line;
        }
    }

    @Test
    @DisplayName("every malicious course of the corpus fails with its expected findings, every benign course passes")
    void corpus() throws IOException {
        Map<String, List<Expected>> expectations = expectations();
        List<Path> malicious = cases("malicious");
        List<Path> benign = new ArrayList<>(cases("benign"));
        benign.add(Path.of("..", "examples", "java-basics"));
        benign.add(Path.of("..", "examples", "python-original"));

        List<String> problems = new ArrayList<>();
        Map<String, int[]> tally = new LinkedHashMap<>(); // set -> {malicious, detected, benign, benign failed, malicious failed}
        for (Path c : malicious) {
            String name = "malicious/" + c.getFileName();
            List<Expected> expected = expectations.getOrDefault(name, List.of());
            if (expected.isEmpty()) {
                problems.add(name + ": no row in expectations.tsv");
            }
            GuardReport report = Guard.check(c);
            List<Expected> missing = expected.stream().filter(e -> report.findings().stream().noneMatch(f ->
                    f.rule().id().equals(e.rule()) && f.file().equals(e.file()) && f.line() == e.line())).toList();
            boolean detected = !report.passed() && missing.isEmpty();
            int[] t = tally.computeIfAbsent(set(c), k -> new int[5]);
            t[0]++;
            t[4] += report.passed() ? 0 : 1;
            if (detected) {
                t[1]++;
            } else {
                problems.add(name + (report.passed() ? " passed" : " failed") + "; missing " + missing + "; found "
                        + report.findings().stream().map(f -> f.rule().id() + " " + f.location()).toList());
            }
        }
        for (Path c : benign) {
            GuardReport report = Guard.check(c);
            int[] t = tally.computeIfAbsent(set(c), k -> new int[5]);
            t[2]++;
            if (!report.passed()) {
                t[3]++;
                problems.add("benign " + c.getFileName() + " failed: " + report.findings().stream()
                        .filter(f -> f.severity() == Severity.ERROR).map(f -> f.rule().id() + " " + f.location()
                                + " " + f.message()).toList());
            }
        }
        tally.forEach((set, t) -> System.out.printf(Locale.ROOT,
                "Guard corpus, %s cases: %d/%d malicious flagged with the expected findings (%.1f %%; %d failed at all),"
                        + " %d/%d benign failed (%.1f %%)%n", set, t[1], t[0], 100.0 * t[1] / Math.max(1, t[0]), t[4], t[3], t[2],
                100.0 * t[3] / Math.max(1, t[2])));
        problems.forEach(p -> System.out.println("  " + p));

        assertThat(malicious).as("malicious cases").hasSizeGreaterThanOrEqualTo(60);
        assertThat(benign).as("benign cases").hasSizeGreaterThanOrEqualTo(25);
        assertThat(problems).as("cases the Guard gets wrong").isEmpty();
    }

    @Test
    @DisplayName("every row of expectations.tsv names a case and a file of the corpus")
    void expectationsNameRealFiles() throws IOException {
        expectations().forEach((name, rows) -> rows.forEach(e -> {
            Path file = CORPUS.resolve(name).resolve(e.file());
            assertThat(file).as(name + " " + e).isRegularFile();
            try {
                assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).as(name + " " + e).hasSizeGreaterThanOrEqualTo(e.line());
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }));
    }

    /** training (written before the detection fixes), v2 (after the first fixes), v3 (after the second), v4 or v5 (each written blind). */
    private static String set(Path c) {
        String name = c.getFileName().toString();
        return name.startsWith("v2-") ? "v2" : name.startsWith("v3-") ? "v3" : name.startsWith("v4-") ? "v4" : name.startsWith("v5-") ? "v5" : "training";
    }

    private static List<Path> cases(String group) throws IOException {
        try (Stream<Path> s = Files.list(CORPUS.resolve(group))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Map<String, List<Expected>> expectations() throws IOException {
        Map<String, List<Expected>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expectations.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            out.computeIfAbsent(cells[0], k -> new ArrayList<>())
                    .add(new Expected(cells[1], cells[2], Integer.parseInt(cells[3])));
        }
        return out;
    }
}
