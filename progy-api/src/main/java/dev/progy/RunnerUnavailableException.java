package dev.progy;

import java.util.List;

/** No runner can run this course here: engine missing, not started, or not permitted. */
public class RunnerUnavailableException extends ProgyException {

    private final List<String> attempts;

    /**
     * @param message  what is missing
     * @param fixHint  how to get it, e.g. "start Docker Desktop"
     * @param attempts every provider or place tried, each with why it was not usable
     */
    public RunnerUnavailableException(String message, String fixHint, List<String> attempts) {
        super(message, fixHint);
        this.attempts = List.copyOf(attempts);
    }

    /** Every provider or place tried, with the reason it was not usable. */
    public List<String> attempts() {
        return attempts;
    }
}
