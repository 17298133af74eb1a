package dev.progy.model;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * A compiler or linter finding reported by a runner, pointing into the student's code.
 *
 * @param severity   error, warning or note
 * @param message    what is wrong
 * @param file       file path as the runner reported it; may be empty
 * @param line       1-based, if known
 * @param column     1-based, if known
 * @param code       e.g. a compiler error code; may be empty
 * @param snippet    the offending source; may be empty
 * @param suggestion how to fix it; may be empty
 */
public record Diagnostic(Severity severity, String message, String file, OptionalInt line, OptionalInt column,
                         String code, String snippet, String suggestion) {

    /** Severity of a diagnostic. */
    public enum Severity {
        ERROR, WARNING, NOTE;

        /** Parses {@code error|warning|note}, anything else being a note. */
        public static Severity parse(@Nullable String s) {
            return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "warning" -> WARNING;
                default -> NOTE;
            };
        }
    }

    /** {@code file:line:column}, as far as known. */
    public String location() {
        StringBuilder sb = new StringBuilder(file);
        line.ifPresent(l -> sb.append(':').append(l));
        column.ifPresent(c -> sb.append(':').append(c));
        return sb.toString();
    }
}
