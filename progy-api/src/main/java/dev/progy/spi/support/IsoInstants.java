package dev.progy.spi.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the times Progy writes ({@link Instant#toString()}: {@code 2026-12-06T19:43:10.123456Z}) without the JDK's
 * {@code DateTimeFormatter}, whose set-up (its formatters, chronologies and locale data) a cold command otherwise pays
 * just to read the one time in its workspace record. Any other form is left to {@link Instant#parse}, so what is
 * accepted, and what is refused, does not change.
 */
public final class IsoInstants {
    private IsoInstants() { }

    /**
     * The instant {@code text} names, as {@link Instant#parse} reads it.
     *
     * @throws DateTimeParseException when it is not an ISO-8601 instant
     */
    public static Instant parse(CharSequence text) {
        Instant quick = quick(text);
        return quick != null ? quick : Instant.parse(text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with 1 to 9 fraction digits; null for any other form (or an invalid date),
     * which the caller reads with the JDK's parser of its choice.
     */
    public static Instant quick(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException invalid) {
            return null; // e.g. February 30th: Instant.parse gives the error
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * {@code instant.toString()}, the same text ({@code 2026-12-06T19:43:10.123456Z}: the fraction in groups of three
     * digits, none when it is zero), written by hand for the years 0 to 9999: {@link Instant#toString()} sets up the
     * JDK's {@code DateTimeFormatter}, a few milliseconds of a cold command that records a run.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = days >= MIN_DAY && days <= MAX_DAY ? LocalDate.ofEpochDay(days) : null;
        if (date == null) {
            return instant.toString();
        }
        StringBuilder b = new StringBuilder(30);
        pad(b, date.getYear(), 4).append('-');
        pad(b, date.getMonthValue(), 2).append('-');
        pad(b, date.getDayOfMonth(), 2).append('T');
        pad(b, secondOfDay / 3_600, 2).append(':');
        pad(b, secondOfDay / 60 % 60, 2).append(':');
        pad(b, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(b, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(b, nanos / 1_000, 6);
            } else {
                pad(b, nanos, 9);
            }
        }
        return b.append('Z').toString();
    }

    /** 0000-01-01 and 9999-12-31 as epoch days: the years written with four digits and no sign. */
    private static final long MIN_DAY = -719_528;
    private static final long MAX_DAY = 2_932_896;

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** {@code yyyy-MM-dd}; null for any other form (or an invalid date), which the caller reads with the JDK. */
    public static LocalDate quickDate(CharSequence s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if ((year | month | day) < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
