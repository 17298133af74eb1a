package dev.progy.error;

import java.util.List;

/** No runner can run this course here: engine missing, not started, or not permitted. */
public class RunnerUnavailableException extends ProgyException {

    /**
     * One runner that was tried and could not be used.
     *
     * @param runner  the runner's id, e.g. {@code podman}
     * @param reason  why not, in one short clause
     * @param looked  every place looked for what it needs, each "place: what was there"
     * @param fix     what to do to make it usable (may be empty)
     */
    public record Tried(String runner, String reason, List<String> looked, String fix) {
        public Tried {
            looked = List.copyOf(looked);
        }
    }

    private final List<String> attempts;
    private final List<Tried> tried;

    /**
     * @param message  what is missing
     * @param fixHint  how to get it, e.g. "start Docker Desktop"
     * @param attempts every provider or place tried, each with why it was not usable
     */
    public RunnerUnavailableException(String message, String fixHint, List<String> attempts) {
        this(message, fixHint, attempts, List.of());
    }

    /**
     * As above, with each runner tried, the places it looked and its own fix, for a UI to show one a line
     * ({@code message} then need not list them).
     */
    public RunnerUnavailableException(String message, String fixHint, List<String> attempts, List<Tried> tried) {
        super(message, fixHint);
        this.attempts = List.copyOf(attempts);
        this.tried = List.copyOf(tried);
    }

    /** Every provider or place tried, with the reason it was not usable. */
    public List<String> attempts() {
        return attempts;
    }

    /** Each runner tried with where it looked and how to fix it; empty when the message says it all. */
    public List<Tried> tried() {
        return tried;
    }
}
