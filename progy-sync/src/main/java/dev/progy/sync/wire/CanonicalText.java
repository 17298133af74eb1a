package dev.progy.sync.wire;

import dev.progy.spi.support.IsoInstants;
import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.LatestAttempt;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The canonical JSON text of a record ({@link RecordJson} describes it), written by hand into one
 * {@link StringBuilder}: a server encodes every record it stores, and a JSON generator's per-field bookkeeping was
 * most of that cost. The text is the one Jackson's generator writes (same escapes, same number forms), which a test
 * checks, so texts written before and after are equal.
 */
final class CanonicalText {

    /** The first and last second {@link #instant} writes itself: years 0000 to 9999. */

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder b = new StringBuilder(384);
    private boolean first = true;

    private CanonicalText() { }

    static String of(ProgressRecord r) {
        CanonicalText t = new CanonicalText();
        t.b.append('{');
        t.text("course", r.key().courseId());
        t.text("kind", RecordJson.lower(r.key().kind()));
        t.text("item", r.key().itemId());
        t.text("status", RecordJson.lower(r.status()));
        if (!r.attempts().isEmpty()) {
            t.name("attempts").append('{');
            String[] devices = r.attempts().keySet().toArray(new String[0]);
            Arrays.sort(devices); // canonical order; cheaper than a TreeMap copy of a map of one or two devices
            t.first = true;
            for (String device : devices) {
                t.number(device, r.attempts().get(device));
            }
            t.b.append('}');
        }
        if (r.firstPassedAt().isPresent()) {
            t.text("firstPassedAt", instant(r.firstPassedAt().get()));
        }
        t.nonZero("best", r.bestScore());
        t.nonZero("hints", r.hintsRevealed());
        t.nonZero("xp", r.xpEarned());
        if (r.latest().isPresent()) {
            LatestAttempt l = r.latest().get();
            t.name("latest").append('{');
            t.first = true;
            t.number("stamp", l.stamp());
            t.text("device", l.deviceId());
            if (l.at().isPresent()) {
                t.text("at", instant(l.at().get()));
            }
            t.text("verdict", RecordJson.lower(l.verdict()));
            t.nonZero("score", l.score());
            t.nonZero("total", l.totalQuestions());
            t.b.append('}');
        }
        if (!r.activeDays().isEmpty()) {
            t.name("days").append('[');
            boolean more = false;
            for (LocalDate d : r.activeDays()) {
                t.b.append(more ? "," : "");
                t.quoted(d.toString());
                more = true;
            }
            t.b.append(']');
        }
        if (!r.achievements().isEmpty()) {
            t.name("achievements").append('[');
            boolean more = false;
            for (String a : r.achievements()) {
                t.b.append(more ? "," : "");
                t.quoted(a);
                more = true;
            }
            t.b.append(']');
        }
        t.nonZero("streakFloor", r.longestStreakFloor());
        return t.b.append('}').toString();
    }

    /** Starts a field: a comma unless it is the object's first, its quoted name and a colon. */
    private StringBuilder name(String name) {
        if (!first) {
            b.append(',');
        }
        first = false;
        quoted(name);
        return b.append(':');
    }

    private void text(String name, String value) {
        name(name);
        quoted(value);
    }

    private void number(String name, long value) {
        name(name).append(value);
    }

    private void nonZero(String name, long value) {
        if (value != 0) {
            number(name, value);
        }
    }

    /** {@code s} as a JSON string, escaped as Jackson escapes it: quote, backslash and control characters only. */
    private void quoted(String s) {
        b.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, from, i).append('\\');
            switch (c) {
                case '"', '\\' -> b.append(c);
                case '\b' -> b.append('b');
                case '\t' -> b.append('t');
                case '\n' -> b.append('n');
                case '\f' -> b.append('f');
                case '\r' -> b.append('r');
                default -> b.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        b.append(s, from, n).append('"');
    }

    /** {@link Instant#toString}, the same text, without the JDK's {@code DateTimeFormatter} (see {@link IsoInstants}). */
    static String instant(Instant t) {
        return IsoInstants.format(t);
    }
}
