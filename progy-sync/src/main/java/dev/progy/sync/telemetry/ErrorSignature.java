package dev.progy.sync.telemetry;

import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of failure a run was, in words that hold nothing of the student: the kind, the course's failing test,
 * and for a compile error the compiler's message reduced to its code ({@code E0308}, {@code CS1002}) or to a template
 * where names, numbers, paths and quoted text are placeholders.
 *
 * @param kind    {@code compile_error}, {@code test_failed}, {@code timeout}, {@code out_of_memory}, {@code crashed}
 *                or {@code other}
 * @param test    the failing test's name (test_failed only)
 * @param message the normalised compile error (compile_error only)
 */
public record ErrorSignature(String kind, Optional<String> test, Optional<String> message) {

    static final int MAX = 200;
    private static final Pattern CODE = Pattern.compile("^[A-Z]{1,4}\\d{3,5}$");
    /**
     * The patterns a compile error is normalised with, compiled on first use: a run that failed a test or timed out
     * (most failed runs) never pays for them.
     */
    private static final class Patterns {
        private Patterns() { }

        static final Pattern CODE_IN_TEXT = Pattern.compile(
                "(?:error\\[([A-Z]\\d{4})\\])|(?:error ([A-Z]{2}\\d{4}):)");
        static final Pattern LOCATION = Pattern.compile("^\\s*\\S+?:\\d+(?::\\d+)?:\\s*");
        static final Pattern ERROR_WORD = Pattern.compile("^(?:fatal )?error:\\s*", Pattern.CASE_INSENSITIVE);
        static final Pattern QUOTED = Pattern.compile(
                "'[^'\\n]*'|\"[^\"\\n]*\"|`[^`\\n]*`|‘[^’\\n]*’|“[^”\\n]*”");
        static final Pattern PATH = Pattern.compile(
                "(?:[A-Za-z]:)?(?:[\\w.~-]*[/\\\\])+[\\w.-]*|\\b[\\w-]+\\.(?:java|py|rs|c|h|cpp|hpp|cc|go|js|ts|cs|kt|rb|sql)\\b");
        static final Pattern AFTER_KIND = Pattern.compile(
                "\\b(variable|method|class|function|symbol|field|struct|enum|type|module|name|trait|interface|package"
                        + "|constructor|member|label|attribute)\\s+[A-Za-z_$][\\w$]*(?:\\.[\\w$]+)*");
        static final Pattern IDENT = Pattern.compile(
                "\\b(?=[\\w$]*(?:[A-Z_$]|[a-z][0-9]))(?![A-Z][a-z]+\\b)[A-Za-z_$][\\w$]*(?:(?:\\.|::)[A-Za-z_$][\\w$]*)*\\b");
        static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-z]+\\b");
        static final java.util.Set<String> ENGLISH = java.util.Set.of("No", "Not", "Expected", "Unexpected",
                "Cannot", "Missing", "Invalid", "Unknown", "Unresolved", "Undefined", "Incompatible", "Illegal", "Too",
                "The", "Unused", "Did", "Consider", "Perhaps");
        static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
        static final Pattern PY_ERROR = Pattern.compile("^(\\w*(?:Error|Exception)): ?(.*)$", Pattern.MULTILINE);
        static final Pattern COMPILER_LINE = Pattern.compile(
                "^(?:\\S+?:\\d+(?::\\d+)?:\\s*)?(?:fatal )?error(?:\\[[A-Z]\\d{4}\\])?(?: [A-Z]{2}\\d{4})?:.*$", Pattern.MULTILINE);
    }

    /** The signature of a run that did not pass. */
    public static ErrorSignature of(RunResult r) {
        switch (r.termination()) {
            case TIMEOUT:
                return new ErrorSignature("timeout", Optional.empty(), Optional.empty());
            case OUT_OF_MEMORY:
                return new ErrorSignature("out_of_memory", Optional.empty(), Optional.empty());
            case OUTPUT_LIMIT, DISK_LIMIT:
                return new ErrorSignature("other", Optional.empty(), Optional.empty());
            default:
                break;
        }
        Optional<Diagnostic> error = r.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).findFirst();
        if (error.isPresent()) {
            Diagnostic d = error.get();
            String code = d.code() == null ? "" : d.code().trim();
            return compileError(CODE.matcher(code).matches() ? code : normalise(d.message()));
        }
        Optional<TestOutcome> failed = r.tests().stream().filter(t -> t.status() != RunResult.Status.PASS).findFirst();
        if (failed.isPresent() && r.status() == RunResult.Status.FAIL) {
            return new ErrorSignature("test_failed", Optional.of(cut(failed.get().name())), Optional.empty());
        }
        String output = r.output() == null ? "" : r.output();
        Optional<String> compiler = compilerMessage(output);
        if (compiler.isPresent()) {
            return compileError(compiler.get());
        }
        if (failed.isPresent()) {
            return new ErrorSignature("test_failed", Optional.of(cut(failed.get().name())), Optional.empty());
        }
        return new ErrorSignature(r.status() == RunResult.Status.ERROR ? "crashed" : "other", Optional.empty(),
                Optional.empty());
    }

    private static ErrorSignature compileError(String message) {
        return new ErrorSignature("compile_error", Optional.empty(), Optional.of(message));
    }

    /**
     * A compile error found in a run's output when the runner reported no diagnostics: a compiler's
     * {@code error:} line, or a Python syntax error at the end of a traceback. Normalised.
     */
    static Optional<String> compilerMessage(String output) {
        // what both patterns need, looked for first: a run whose output has neither compiles no pattern at all
        if (!output.contains("error") && !output.contains("SyntaxError") && !output.contains("IndentationError")
                && !output.contains("TabError")) {
            return Optional.empty();
        }
        Matcher m = Patterns.COMPILER_LINE.matcher(output);
        if (m.find()) {
            return Optional.of(normalise(m.group()));
        }
        Matcher py = Patterns.PY_ERROR.matcher(output);
        String last = null;
        while (py.find()) {
            last = py.group();
        }
        if (last != null && (last.startsWith("SyntaxError") || last.startsWith("IndentationError")
                || last.startsWith("TabError"))) {
            return Optional.of(normalise(last));
        }
        return Optional.empty();
    }

    /**
     * A compiler's message as a code or a template: its first line without the location, with quoted text, paths,
     * names and numbers replaced by {@code <q>}, {@code <path>}, {@code <id>} and {@code <n>}.
     */
    public static String normalise(String message) {
        String text = message == null ? "" : message.strip();
        Matcher code = Patterns.CODE_IN_TEXT.matcher(text);
        if (code.find()) {
            return code.group(1) != null ? code.group(1) : code.group(2);
        }
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        line = Patterns.LOCATION.matcher(line).replaceFirst("");
        line = Patterns.ERROR_WORD.matcher(line).replaceFirst("");
        line = Patterns.QUOTED.matcher(line).replaceAll("<q>");
        line = Patterns.PATH.matcher(line).replaceAll("<path>");
        line = Patterns.AFTER_KIND.matcher(line).replaceAll("$1 <id>");
        line = Patterns.IDENT.matcher(line).replaceAll(mr -> isErrorName(mr.group()) ? mr.group() : "<id>");
        // a capitalised word is a name (String, Counter) unless it begins the message or is a word compilers begin
        // a clause with ("No such file", "IndentationError: Expected")
        line = Patterns.CAPITALISED.matcher(line).replaceAll(mr -> mr.start() == 0
                || Patterns.ENGLISH.contains(mr.group()) || isErrorName(mr.group()) ? mr.group() : "<id>");
        line = Patterns.NUMBER.matcher(line).replaceAll("<n>");
        line = line.replaceAll("\\s+", " ").strip();
        return cut(line.isEmpty() ? "error" : line);
    }

    private static boolean isErrorName(String word) {
        return word.endsWith("Error") || word.endsWith("Exception");
    }

    private static String cut(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() <= MAX ? one : one.substring(0, MAX);
    }

    /** The kind as the contract spells it. */
    @Override
    public String toString() {
        return kind.toLowerCase(Locale.ROOT) + test.map(t -> " " + t).orElse("") + message.map(m -> ": " + m).orElse("");
    }
}
