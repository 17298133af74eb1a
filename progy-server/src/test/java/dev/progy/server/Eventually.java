package dev.progy.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Waits for something another thread or process does, looking every few milliseconds, up to a deadline. */
final class Eventually {

    private Eventually() { }

    static void await(String what, Duration within, BooleanSupplier done) {
        long until = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                fail("waited " + within.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
