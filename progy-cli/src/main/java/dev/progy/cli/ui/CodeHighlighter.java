package dev.progy.cli.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Colours code in an exercise's instructions on the server, so pages need no script for it: keywords, strings,
 * comments and numbers of the languages courses are written in, each in a {@code <span class="hl-…">}. Text is
 * HTML-escaped; a language it does not know is escaped only.
 */
final class CodeHighlighter {
    private static final Set<String> C_LIKE = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "super", "switch", "this", "throw",
            "throws", "try", "void", "volatile", "while", "var", "record", "yield", "true", "false", "null", "let",
            "function", "typeof", "async", "await", "export", "from", "of", "in", "undefined", "struct", "fn", "mut",
            "impl", "pub", "use", "mod", "match", "func", "go", "defer", "chan", "map", "range", "type", "unsigned",
            "sizeof", "typedef", "include", "define", "nil", "string", "bool", "self", "Self", "where", "trait", "loop");
    private static final Set<String> PYTHON = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield", "self", "print", "len", "range");
    private static final Set<String> SHELL = Set.of("if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while",
            "case", "esac", "function", "return", "export", "local", "echo", "cd");
    private static final Map<String, Set<String>> LANGUAGES = Map.ofEntries(Map.entry("java", C_LIKE),
            Map.entry("kotlin", C_LIKE), Map.entry("javascript", C_LIKE), Map.entry("js", C_LIKE),
            Map.entry("typescript", C_LIKE), Map.entry("ts", C_LIKE), Map.entry("c", C_LIKE), Map.entry("cpp", C_LIKE),
            Map.entry("c++", C_LIKE), Map.entry("go", C_LIKE), Map.entry("rust", C_LIKE), Map.entry("rs", C_LIKE),
            Map.entry("csharp", C_LIKE), Map.entry("cs", C_LIKE), Map.entry("python", PYTHON), Map.entry("py", PYTHON),
            Map.entry("bash", SHELL), Map.entry("sh", SHELL), Map.entry("shell", SHELL), Map.entry("console", SHELL));

    private CodeHighlighter() { }

    /** The code as HTML for inside a {@code <code>} element. */
    static String html(String code, String language) {
        Set<String> keywords = LANGUAGES.get(language == null ? "" : language.toLowerCase(Locale.ROOT).trim());
        if (keywords == null) {
            return escape(code);
        }
        boolean hashComments = keywords == PYTHON || keywords == SHELL;
        StringBuilder out = new StringBuilder(code.length() + 64);
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            int end;
            if ((c == '/' && i + 1 < n && code.charAt(i + 1) == '/' && !hashComments) || (c == '#' && hashComments)) {
                end = code.indexOf('\n', i);
                end = end < 0 ? n : end;
                span(out, "hl-c", code, i, end);
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*' && !hashComments) {
                end = code.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                span(out, "hl-c", code, i, end);
            } else if (c == '"' || c == '\'' || c == '`') {
                end = i + 1;
                while (end < n && code.charAt(end) != c && code.charAt(end) != '\n') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                span(out, "hl-s", code, i, end);
            } else if (Character.isDigit(c)) {
                end = i;
                while (end < n && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '.'
                        || code.charAt(end) == '_')) {
                    end++;
                }
                span(out, "hl-n", code, i, end);
            } else if (Character.isJavaIdentifierStart(c)) {
                end = i;
                while (end < n && Character.isJavaIdentifierPart(code.charAt(end))) {
                    end++;
                }
                String word = code.substring(i, end);
                if (keywords.contains(word)) {
                    span(out, "hl-k", code, i, end);
                } else {
                    out.append(escape(word));
                }
            } else {
                end = i + 1;
                out.append(escape(String.valueOf(c)));
            }
            i = end;
        }
        return out.toString();
    }

    private static void span(StringBuilder out, String css, String code, int from, int to) {
        out.append("<span class=\"").append(css).append("\">").append(escape(code.substring(from, to))).append("</span>");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
