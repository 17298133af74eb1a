package dev.progy.model;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Property tests without a library: a trial runs many times, each with its own seeded {@link Random}. A failure
 * names its seed; {@code -Dprogy.seed=<seed>} runs that seed first, to reproduce it.
 */
final class RandomTrials {

    private RandomTrials() { }

    static void run(String property, int tries, Consumer<Random> trial) {
        long base = Long.getLong("progy.seed", System.nanoTime());
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            try {
                trial.accept(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                String message = property + " fails with seed " + seed + " (run again with -Dprogy.seed=" + seed + ")";
                System.err.println(message);
                throw new AssertionError(message, e);
            }
        }
    }
}
