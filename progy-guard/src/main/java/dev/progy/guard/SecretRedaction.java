package dev.progy.guard;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes what looks like a secret out of a text before it leaves the machine: private keys, cloud and chat tokens,
 * API keys, bearer tokens, passwords in URLs, and values assigned to names such as {@code API_KEY} or
 * {@code password}. The shape of the text stays (the name, the quotes) so a reader, or a model, still understands
 * it. Used by the Guard's AI review of a course and by the tutor for a student's files.
 */
public final class SecretRedaction {

    /** What replaces a secret. */
    public static final String MARK = "[redacted]";

    /** Credentials as they appear in pasted examples: the value goes, the shape of the text stays. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)"),
            Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{30,}\\b"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"),
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}\\b"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\b"),
            Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{16,}"),
            Pattern.compile("(?i)://[^/\\s:@]+:[^/\\s@]+@"));
    /** {@code password = hunter2}, {@code API_KEY: "…"}: the name stays, the value goes. */
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)\\b([A-Z0-9_]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Z0-9_]*)(\\s*[:=]\\s*)(\"[^\"\\n]{4,}\"|'[^'\\n]{4,}'|[^\\s\"',;]{4,})");

    private SecretRedaction() { }

    /** {@code text} with every credential-shaped value replaced by {@value #MARK}. */
    public static String redact(String text) {
        String out = text;
        for (Pattern p : SECRETS) {
            out = p.matcher(out).replaceAll(m -> m.group().startsWith("://") ? "://" + MARK + "@"
                    : m.group().regionMatches(true, 0, "bearer", 0, 6) ? "Bearer " + MARK : MARK);
        }
        Matcher m = ASSIGNED_SECRET.matcher(out);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MARK));
    }
}
