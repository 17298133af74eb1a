package dev.progy.server.http;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: up to {@code capacity} requests at once, refilled at {@code capacity} per {@code period}. Written
 * {@code <requests>/<period>} in the settings, e.g. {@code 120/1m}, {@code 20/30s}, {@code 1000/1h}.
 */
public record RateLimit(long capacity, Duration period) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{1,6})\\s*([smh])");

    public RateLimit {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit lets at least one request through in some time");
        }
    }

    /** The limit written as {@code <requests>/<number><s|m|h>}; empty when it is not written so. */
    public static java.util.Optional<RateLimit> parse(String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
            return java.util.Optional.empty();
        }
        long n = Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return java.util.Optional.of(new RateLimit(Long.parseLong(m.group(1)), period));
    }
}
