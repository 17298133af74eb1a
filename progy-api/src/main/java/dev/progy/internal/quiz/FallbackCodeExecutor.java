package dev.progy.internal.quiz;

import java.time.Duration;

/** Runs an answer with the first executor that supports its language: this machine's runtimes, then the course's. */
public final class FallbackCodeExecutor implements CodeExecutor {
    private final CodeExecutor first;
    private final CodeExecutor second;

    public FallbackCodeExecutor(CodeExecutor first, CodeExecutor second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean supports(String language) {
        return first.supports(language) || second.supports(language);
    }

    @Override
    public Execution run(String language, String code, String stdin, Duration timeout) {
        return (first.supports(language) ? first : second).run(language, code, stdin, timeout);
    }
}
