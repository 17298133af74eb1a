package dev.progy.internal.io;

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
