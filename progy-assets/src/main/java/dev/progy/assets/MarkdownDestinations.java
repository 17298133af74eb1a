package dev.progy.assets;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Markdown text names its images: the exact characters of each image destination, found from
 * commonmark's source positions rather than a regular expression over the whole text, so an image inside a code
 * block or code span (which the parser does not see as an image) is never touched. Covers inline images
 * {@code ![alt](dest "title")}, reference definitions {@code [ref]: dest} and {@code <img src=…>} in HTML.
 * Plain links ({@code [text](photo.png)}) are left out on purpose: whoever links to a file wants that file.
 */
final class MarkdownDestinations {

    /** The characters [start, end) of the text that hold a destination as written, and its parsed value. */
    record Destination(int start, int end, String value) { }

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Pattern IMG_SRC = Pattern.compile(
            "<img\\b[^>]*?\\ssrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);

    private MarkdownDestinations() { }

    /** Every image destination of {@code text}, in text order. */
    static List<Destination> of(String text) {
        Node document = PARSER.parse(text);
        List<Destination> out = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                int[] range = range(image);
                if (range != null) {
                    inline(text, range, image.getDestination(), out);
                }
                visitChildren(image);
            }

            @Override
            public void visit(LinkReferenceDefinition definition) {
                int[] range = range(definition);
                if (range != null) {
                    afterMarker(text, range, "]:", definition.getDestination(), out);
                }
            }

            @Override
            public void visit(HtmlInline html) {
                html(text, range(html), out);
            }

            @Override
            public void visit(HtmlBlock html) {
                html(text, range(html), out);
            }
        });
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** The input range a node was parsed from, across all its lines; null when the parser kept none. */
    private static int[] range(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return null;
        }
        SourceSpan last = spans.get(spans.size() - 1);
        return new int[] {spans.get(0).getInputIndex(), last.getInputIndex() + last.getLength()};
    }

    /**
     * An inline image's destination follows the {@code ](} that closes its alt text; the alt text may itself hold
     * {@code ](}, so each candidate is parsed and the first whose value matches the parser's wins. A reference
     * image ({@code ![alt][ref]}) has none: its definition is found on its own.
     */
    private static void inline(String text, int[] range, String expected, List<Destination> out) {
        afterMarker(text, range, "](", expected, out);
    }

    private static void afterMarker(String text, int[] range, String marker, String expected, List<Destination> out) {
        int from = range[0];
        while (true) {
            int at = text.indexOf(marker, from);
            if (at < 0 || at >= range[1]) {
                return;
            }
            Destination d = destinationAt(text, skipSpace(text, at + marker.length(), range[1]), range[1]);
            if (d != null && d.value().equals(expected)) {
                out.add(d);
                return;
            }
            from = at + 1;
        }
    }

    private static int skipSpace(String text, int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** A link destination as CommonMark defines it: {@code <…>}, or a run without spaces and with balanced parentheses. */
    private static Destination destinationAt(String text, int i, int end) {
        if (i >= end) {
            return null;
        }
        if (text.charAt(i) == '<') {
            int j = i + 1;
            while (j < end && text.charAt(j) != '>' && text.charAt(j) != '\n') {
                j += text.charAt(j) == '\\' ? 2 : 1;
            }
            return j < end && text.charAt(j) == '>' ? new Destination(i + 1, j, unescape(text.substring(i + 1, j))) : null;
        }
        int j = i;
        int depth = 0;
        while (j < end) {
            char c = text.charAt(j);
            if (c == '\\' && j + 1 < end) {
                j += 2;
                continue;
            }
            if (c <= ' ') {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            j++;
        }
        return j > i ? new Destination(i, j, unescape(text.substring(i, j))) : null;
    }

    /** Backslash escapes of punctuation, as the parser resolves them (entities are rare in paths and left as they are). */
    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && isAsciiPunctuation(raw.charAt(i + 1))) {
                sb.append(raw.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }

    private static void html(String text, int[] range, List<Destination> out) {
        if (range == null) {
            return;
        }
        Matcher m = IMG_SRC.matcher(text).region(range[0], range[1]);
        while (m.find()) {
            int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
            out.add(new Destination(m.start(group), m.end(group), m.group(group)));
        }
    }
}
