package dev.progy.sync.hub;

import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.LatestAttempt;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The bounds of every field the hub stores, checked before anything is written: a push outside them is refused
 * whole with 400, naming the field. Without them one account could store item ids of megabytes (and hold the
 * database's write lock for seconds on each push, stalling every other account), counters that overflow when two
 * devices' counts are added, or text a database cannot keep as sent (a lone UTF-16 surrogate becomes {@code ?} in
 * SQLite and then collides with another key; a NUL is refused by PostgreSQL).
 */
final class HubLimits {

    static final int MAX_COURSE = 200;
    static final int MAX_ITEM = 300;
    static final int MAX_DEVICE = 100;
    static final int MAX_DEVICES = 64;
    static final long MAX_ATTEMPTS = 1_000_000;
    static final int MAX_SCORE = 100;
    static final int MAX_QUESTIONS = 10_000;
    static final int MAX_HINTS = 10_000;
    static final int MAX_XP = 1_000_000;
    static final long MAX_STAMP = 1_000_000_000_000L;
    static final int MAX_DAYS = 20_000;
    static final int MAX_ACHIEVEMENTS = 1_000;
    static final int MAX_ACHIEVEMENT = 100;
    static final int MAX_STREAK = 100_000;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private HubLimits() { }

    /** Refuses {@code device} (the request's device id) when it is not a bounded, valid text. */
    static void device(String device) {
        text("the request's device", device, 0, MAX_DEVICE);
    }

    /** Refuses {@code r} when one of its fields is out of bounds. */
    static void check(ProgressRecord r) {
        text("a record's course", r.key().courseId(), 1, MAX_COURSE);
        text("a record's item", r.key().itemId(), 0, MAX_ITEM); // the course record's item is ""
        if (r.attempts().size() > MAX_DEVICES) {
            throw refused("a record counts attempts on more than " + MAX_DEVICES + " devices");
        }
        for (Map.Entry<String, Long> e : r.attempts().entrySet()) {
            text("a device id in attempts", e.getKey(), 1, MAX_DEVICE);
            range("attempts on one device", e.getValue(), 0, MAX_ATTEMPTS);
        }
        r.firstPassedAt().ifPresent(t -> instant("firstPassedAt", t));
        range("best", r.bestScore(), 0, MAX_SCORE);
        range("hints", r.hintsRevealed(), 0, MAX_HINTS);
        range("xp", r.xpEarned(), 0, MAX_XP);
        range("streakFloor", r.longestStreakFloor(), 0, MAX_STREAK);
        if (r.latest().isPresent()) {
            LatestAttempt a = r.latest().get();
            range("latest.stamp", a.stamp(), 0, MAX_STAMP);
            text("latest.device", a.deviceId(), 1, MAX_DEVICE);
            a.at().ifPresent(t -> instant("latest.at", t));
            range("latest.total", a.totalQuestions(), 0, MAX_QUESTIONS);
            range("latest.score", a.score(), 0, Math.max(MAX_SCORE, a.totalQuestions()));
        }
        if (r.activeDays().size() > MAX_DAYS) {
            throw refused("a record has more than " + MAX_DAYS + " active days");
        }
        if (!r.activeDays().isEmpty()) {
            for (LocalDate d : new LocalDate[] {r.activeDays().first(), r.activeDays().last()}) {
                instant("days", d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            }
        }
        if (r.achievements().size() > MAX_ACHIEVEMENTS) {
            throw refused("a record has more than " + MAX_ACHIEVEMENTS + " achievements");
        }
        for (String a : r.achievements()) {
            text("an achievement", a, 1, MAX_ACHIEVEMENT);
        }
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw refused(field + " is " + value + ", outside " + min + " to " + max);
        }
    }

    private static void instant(String field, Instant t) {
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw refused(field + " is " + t + ", outside the years 1970 to 2999");
        }
    }

    /**
     * Refuses a text longer than {@code max} characters, shorter than {@code min}, or that is not valid Unicode
     * (a lone surrogate) or holds a control character (NUL included).
     */
    static void text(String field, String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            throw refused(field + " has " + s.length() + " characters; " + min + " to " + max + " are allowed");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refused(field + " is not valid Unicode (a lone surrogate at character " + (i + 1) + ")");
            } else if (c < 0x20 || c == 0x7f) {
                throw refused(field + " holds a control character (code " + (int) c + ") at character " + (i + 1));
            }
        }
    }

    private static SyncRejectedException refused(String why) {
        return new SyncRejectedException(400, "bad_request", "The sync request is not acceptable: " + why + ".",
                "Send records as the Progy client writes them.");
    }
}
