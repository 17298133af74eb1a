package dev.progy.guard.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lexer for the languages of the courses (Python, Java, Rust, Go, JavaScript, SQL), good enough to compare code:
 * comments and whitespace go, string and number literals stay whole, identifiers are marked so they can be renamed,
 * keywords and operators are kept as written. Each token knows its line.
 */
final class CodeTokens {

    /** What changes how code is read: Python's {@code #} comments and {@code //} division, Rust's lifetimes. */
    enum Dialect {
        PYTHON, RUST, OTHER;

        /** From a file name or a code fence's info string ({@code py}, {@code python}, {@code rs}, {@code java}…). */
        static Dialect of(String nameOrInfo) {
            String s = nameOrInfo.toLowerCase(java.util.Locale.ROOT).strip();
            String last = s.contains(".") ? s.substring(s.lastIndexOf('.') + 1) : s;
            return switch (last.split("[\\s{,]")[0]) {
                case "py", "python", "python3", "pycon" -> PYTHON;
                case "rs", "rust" -> RUST;
                default -> OTHER;
            };
        }
    }

    /** One token. {@code identifier} marks names that a comparison renames. */
    record Token(String text, boolean identifier, int line) { }

    /** Words of the languages that keep their meaning whatever the program: never renamed. */
    static final Set<String> KEYWORDS = Set.copyOf(java.util.List.of(
            // Python
            "def", "return", "if", "elif", "else", "for", "while", "in", "not", "and", "or", "is", "None", "True",
            "False", "lambda", "class", "import", "from", "as", "pass", "break", "continue", "try", "except",
            "finally", "raise", "with", "yield", "global", "nonlocal", "assert", "del", "async", "await",
            // Java, C-like
            "public", "private", "protected", "static", "final", "void", "int", "long", "double", "float", "boolean",
            "char", "byte", "short", "new", "this", "super", "null", "true", "false", "extends", "implements",
            "interface", "enum", "record", "throws", "throw", "catch", "switch", "case", "default", "do", "var",
            "instanceof", "package", "abstract", "synchronized",
            // Rust, Go, JavaScript
            "fn", "let", "mut", "impl", "struct", "trait", "pub", "use", "mod", "match", "loop", "where", "Self",
            "self", "ref", "move", "func", "package", "go", "defer", "chan", "range", "map", "type", "nil", "const",
            "function", "of", "undefined", "typeof", "string", "bool", "usize", "i32", "i64", "u32", "u64", "f64",
            "String", "Vec", "Some", "Ok", "Err", "Option", "Result",
            // SQL (compared upper-cased)
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER",
            "ON", "AS", "AND", "OR", "NOT", "IN", "COUNT", "SUM", "AVG", "MIN", "MAX", "DISTINCT", "LIMIT", "INSERT",
            "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "DESC", "ASC", "NULL", "IS", "LIKE",
            "BETWEEN", "UNION", "ALL", "CASE", "WHEN", "THEN", "END"));

    private static final Set<String> SQL_WORDS = Set.copyOf(java.util.List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING",
            "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "ON", "COUNT", "SUM", "AVG", "DISTINCT", "LIMIT", "INSERT",
            "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "DESC", "ASC", "LIKE", "BETWEEN", "UNION",
            "CASE", "WHEN", "THEN", "END"));

    private static final String[] OPERATORS = {">>>=", "<<=", ">>=", "...", "**=", "//=", "===", "!==", "->", "=>",
            "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "**", "//", ":=", "<<",
            ">>"};

    private CodeTokens() { }

    static List<Token> of(String code, Dialect dialect) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = code.length();
        boolean lineStart = true;
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                lineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            // comments: // and /* */, # (not Rust's #[ or #!), -- at the start of a line (SQL)
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/' && dialect != Dialect.PYTHON) {
                i = endOfLine(code, i);
                continue;
            }
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                line += count(code, i, stop);
                i = stop;
                continue;
            }
            if (c == '#' && (dialect == Dialect.PYTHON || !(i + 1 < n && (code.charAt(i + 1) == '[' || code.charAt(i + 1) == '!')))) {
                i = endOfLine(code, i);
                continue;
            }
            if (atLineStart && c == '-' && code.startsWith("-- ", i)) {
                i = endOfLine(code, i);
                continue;
            }
            int start = i;
            // string literals, with Python's prefixes (f"", r'', b"") and triple quotes; a docstring is a string too
            int prefix = dialect == Dialect.RUST && lifetime(code, i) ? -1 : stringPrefix(code, i);
            if (prefix >= 0) {
                int q = i + prefix;
                char quote = code.charAt(q);
                boolean triple = code.startsWith(String.valueOf(quote).repeat(3), q);
                int j = triple ? q + 3 : q + 1;
                while (j < n) {
                    char d = code.charAt(j);
                    if (d == '\\') {
                        j += 2;
                        continue;
                    }
                    if (triple ? code.startsWith(String.valueOf(quote).repeat(3), j) : d == quote) {
                        j += triple ? 3 : 1;
                        break;
                    }
                    if (!triple && d == '\n') {
                        break;
                    }
                    j++;
                }
                j = Math.min(j, n);
                String literal = code.substring(start, j);
                line += count(code, start, j);
                if (!(triple && atLineStart && docstring(out))) {
                    out.add(new Token(literal, false, line));
                }
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '.' || code.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(code.substring(i, j), false, line));
                i = j;
                continue;
            }
            if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(code.charAt(j))) {
                    j++;
                }
                String word = code.substring(i, j);
                String upper = word.toUpperCase(java.util.Locale.ROOT);
                if (KEYWORDS.contains(word)) {
                    out.add(new Token(word, false, line));
                } else if (SQL_WORDS.contains(upper)) {
                    out.add(new Token(upper, false, line));
                } else {
                    out.add(new Token(word, true, line));
                }
                i = j;
                continue;
            }
            String op = String.valueOf(c);
            for (String o : OPERATORS) {
                if (code.startsWith(o, i)) {
                    op = o;
                    break;
                }
            }
            out.add(new Token(op, false, line));
            i += op.length();
        }
        return out;
    }

    /** A triple-quoted string standing alone right after a definition's colon is a docstring: documentation. */
    private static boolean docstring(List<Token> out) {
        return !out.isEmpty() && out.get(out.size() - 1).text().equals(":");
    }

    /** Length of a string literal's prefix at {@code i} ({@code f}, {@code rb}…), or -1 when no string starts there. */
    private static int stringPrefix(String code, int i) {
        int j = i;
        while (j < code.length() && j - i < 2 && "fFrRbBuU".indexOf(code.charAt(j)) >= 0) {
            j++;
        }
        if (j < code.length() && (code.charAt(j) == '"' || code.charAt(j) == '\'' || code.charAt(j) == '`')) {
            if (j > i && j - i <= 2) {
                return j - i;
            }
            if (j == i) {
                return 0;
            }
        }
        return -1;
    }

    /** Rust's {@code 'a} and {@code 'static}: a quote, a name, and no closing quote right after one character. */
    private static boolean lifetime(String code, int i) {
        if (code.charAt(i) != '\'' || i + 2 >= code.length() || !Character.isLetter(code.charAt(i + 1))) {
            return false;
        }
        int j = i + 1;
        while (j < code.length() && Character.isJavaIdentifierPart(code.charAt(j))) {
            j++;
        }
        return j < code.length() && code.charAt(j) != '\'';
    }

    private static int endOfLine(String code, int i) {
        int end = code.indexOf('\n', i);
        return end < 0 ? code.length() : end;
    }

    private static int count(String code, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (code.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
