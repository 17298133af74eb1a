package dev.progy.guard.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code a lesson shows, as separate pieces: fenced blocks (with the language their fence names), inline code
 * (the spans of one paragraph together, so a solution spelled out span by span is still one piece) and lines of code
 * written into the prose without a fence — a model that leaks does not always format its leak.
 */
final class LessonCode {

    /** One piece of code and the dialect it is read in. */
    record Piece(String code, CodeTokens.Dialect dialect) { }

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})\\s*([^`]*)$");
    private static final Pattern INLINE = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern STARTS_LIKE_CODE = Pattern.compile(
            "^\\s*(def|return|if|elif|else|for|while|fn|func|let|var|const|public|private|static|class|import|from"
                    + "|SELECT|INSERT|UPDATE|print|System\\.out|println!?|fmt\\.|match|try|except)\\b.*[(:{=;\\[].*$");
    private static final Pattern ENDS_LIKE_CODE = Pattern.compile("^.*([{};]|\\):|else:|try:)\\s*$");
    private static final Pattern SQL = Pattern.compile(
            "^\\s*(SELECT|FROM|WHERE|GROUP BY|ORDER BY|LIMIT|HAVING|(LEFT |INNER )?JOIN|INSERT INTO|UPDATE|DELETE FROM"
                    + "|VALUES)\\b.*$");
    /** A method call or a call chain: {@code text.chars().count()}, {@code len(x)}. */
    private static final Pattern CALLS = Pattern.compile("^.*([\\w)\\]]\\.\\w+\\(|^\\s*\\w+\\(.*\\)\\s*$).*$");
    /** Four words in a row outside quotes: a sentence, not code. */
    private static final Pattern PROSE = Pattern.compile("([A-Za-z']+[,;]? ){4,}");
    private static final Pattern ASSIGNS = Pattern.compile("^\\s*[\\w.\\[\\]\"']+\\s*(=|\\+=|-=|\\*=|/=|:=)\\s*[^=\\s].*$");

    private LessonCode() { }

    static List<Piece> of(String markdown, CodeTokens.Dialect fallback) {
        List<Piece> pieces = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        StringBuilder fenced = null;
        String fence = "";
        CodeTokens.Dialect fencedDialect = fallback;
        StringBuilder loose = new StringBuilder();
        int looseIndent = -1;
        StringBuilder inline = new StringBuilder();
        for (String line : lines) {
            Matcher f = FENCE.matcher(line);
            if (fenced != null) {
                if (f.matches() && f.group(1).charAt(0) == fence.charAt(0) && f.group(1).length() >= fence.length()
                        && f.group(2).isBlank()) {
                    pieces.add(new Piece(fenced.toString(), fencedDialect));
                    fenced = null;
                } else {
                    fenced.append(line).append('\n');
                }
                continue;
            }
            if (f.matches()) {
                flush(pieces, loose, fallback);
                flush(pieces, inline, fallback);
                looseIndent = -1;
                fenced = new StringBuilder();
                fence = f.group(1);
                String info = f.group(2).strip();
                fencedDialect = info.isEmpty() ? fallback : CodeTokens.Dialect.of(info);
                continue;
            }
            if (line.isBlank()) {
                flush(pieces, inline, fallback);
                continue;
            }
            String prose = line;
            Matcher m = INLINE.matcher(line);
            StringBuilder rest = new StringBuilder();
            int last = 0;
            while (m.find()) {
                inline.append(m.group(2)).append('\n');
                rest.append(line, last, m.start()).append(' ');
                last = m.end();
            }
            rest.append(line.substring(last));
            prose = rest.toString();
            int indent = line.length() - line.stripLeading().length();
            String unquoted = prose.replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
            boolean codeLike = last == 0 && (STARTS_LIKE_CODE.matcher(prose).matches()
                    || ENDS_LIKE_CODE.matcher(prose).matches() && !prose.strip().endsWith(".")
                    || ASSIGNS.matcher(prose).matches() || SQL.matcher(prose).matches()
                    || CALLS.matcher(prose).matches() && !PROSE.matcher(unquoted).find());
            boolean bodyOfLoose = looseIndent >= 0 && indent > looseIndent && last == 0;
            if (codeLike || bodyOfLoose) {
                if (looseIndent < 0) {
                    looseIndent = indent;
                }
                loose.append(line).append('\n');
            } else {
                flush(pieces, loose, fallback);
                looseIndent = -1;
            }
        }
        if (fenced != null) {
            pieces.add(new Piece(fenced.toString(), fencedDialect));
        }
        flush(pieces, loose, fallback);
        flush(pieces, inline, fallback);
        return pieces;
    }

    private static void flush(List<Piece> pieces, StringBuilder code, CodeTokens.Dialect dialect) {
        if (!code.isEmpty()) {
            pieces.add(new Piece(code.toString(), dialect));
            code.setLength(0);
        }
    }
}
