import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The assertions every exercise test uses. Check.java compiles this file together with the
 * student's code and the exercise's tests, so tests can call {@code Expect.equal(...)} without
 * any library. A failed expectation throws an AssertionError whose message is what the student
 * reads, so each message says what was called, what was expected and what came back.
 */
final class Expect {
    private Expect() {
    }

    /** Fails unless {@code actual} equals {@code expected}; {@code call} names what was called, e.g. {@code greeting("Ada")}. */
    static void equal(Object expected, Object actual, String call) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(call + " should be " + show(expected) + " but was " + show(actual));
        }
    }

    /** Like {@link #equal} for decimals, which are rarely exact: anything within 0.001 is close enough. */
    static void near(double expected, double actual, String call) {
        if (Math.abs(expected - actual) > 0.001) {
            throw new AssertionError(call + " should be " + expected + " but was " + actual);
        }
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    static void that(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    // Quotes make an empty or blank string visible: "" rather than nothing at all; maps are shown
    // sorted by key, so that two of them are easy to compare by eye.
    private static String show(Object value) {
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return new TreeMap<>(map).toString();
            } catch (ClassCastException | NullPointerException keysWithoutOrder) {
                return map.toString();
            }
        }
        return String.valueOf(value);
    }
}
