package dev.progy.guard.leak;

import dev.progy.guard.leak.CodeTokens.Dialect;
import dev.progy.guard.leak.CodeTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Function definitions in a piece of code, with their bodies: {@code def} blocks in Python, braces elsewhere. */
final class Definitions {

    /** A definition: its name and the tokens of its body. */
    record Definition(String name, List<Token> body) { }

    private static final Pattern PY_DEF = Pattern.compile("^(\\s*)(?:async\\s+)?def\\s+(\\w+)\\s*\\(");
    /** What may stand between a parameter list and the body's brace: return types, throws, generics, pointers. */
    private static final Set<String> SIGNATURE = Set.of("->", "<", ">", "[", "]", "&", "*", "'", "throws", ",", "(",
            ")", "::", "mut", "?", "int", "long", "double", "float", "boolean", "char", "void", "bool", "string",
            "usize", "i32", "i64", "u32", "u64", "f64", "String", "Vec", "Option", "Result", "Self", "where", ":");

    private Definitions() { }

    /** The definitions in {@code code}, only of {@code names} when given (null: all). */
    static List<Definition> find(String code, Dialect dialect, Set<String> names) {
        return dialect == Dialect.PYTHON ? python(code, names) : braces(CodeTokens.of(code, dialect), names);
    }

    private static List<Definition> python(String code, Set<String> names) {
        List<Definition> out = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PY_DEF.matcher(lines[i]);
            if (!m.find() || names != null && !names.contains(m.group(2))) {
                continue;
            }
            int indent = m.group(1).length();
            StringBuilder block = new StringBuilder(lines[i]).append('\n');
            int j = i + 1;
            while (j < lines.length && (lines[j].isBlank()
                    || lines[j].length() - lines[j].stripLeading().length() > indent)) {
                block.append(lines[j]).append('\n');
                j++;
            }
            List<Token> tokens = CodeTokens.of(block.toString(), Dialect.PYTHON);
            int depth = 0;
            int colon = -1;
            for (int k = 0; k < tokens.size(); k++) {
                String t = tokens.get(k).text();
                if (t.equals("(") || t.equals("[")) {
                    depth++;
                } else if (t.equals(")") || t.equals("]")) {
                    depth--;
                } else if (t.equals(":") && depth == 0) {
                    colon = k;
                    break;
                }
            }
            if (colon >= 0) {
                out.add(new Definition(m.group(2), List.copyOf(tokens.subList(colon + 1, tokens.size()))));
            }
        }
        return out;
    }

    private static List<Definition> braces(List<Token> tokens, Set<String> names) {
        List<Definition> out = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token name = tokens.get(i);
            if (!name.identifier() || !tokens.get(i + 1).text().equals("(")
                    || names != null && !names.contains(name.text())) {
                continue;
            }
            if (i > 0 && (tokens.get(i - 1).text().equals(".") || tokens.get(i - 1).text().equals("new")
                    || tokens.get(i - 1).text().equals("="))) {
                continue;
            }
            int close = matching(tokens, i + 1, "(", ")");
            if (close < 0) {
                continue;
            }
            int open = -1;
            for (int k = close + 1; k < tokens.size() && k <= close + 12; k++) {
                String t = tokens.get(k).text();
                if (t.equals("{")) {
                    open = k;
                    break;
                }
                if (!tokens.get(k).identifier() && !SIGNATURE.contains(t)) {
                    break;
                }
            }
            if (open < 0) {
                continue;
            }
            int end = matching(tokens, open, "{", "}");
            int stop = end < 0 ? tokens.size() : end;
            out.add(new Definition(name.text(), List.copyOf(tokens.subList(open + 1, stop))));
        }
        return out;
    }

    private static int matching(List<Token> tokens, int open, String o, String c) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            String t = tokens.get(k).text();
            if (t.equals(o)) {
                depth++;
            } else if (t.equals(c)) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** Tokens as one line of text, a space between two. */
    static String text(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(t.text());
        }
        return b.toString();
    }
}
