package dev.progy.cli;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Markdown (an exercise's README, a hint, a setup guide) laid out for a terminal: headings underlined, emphasis,
 * code and links styled, code blocks indented, lists with bullets or numbers, quotes with a bar. Without colour
 * (not a terminal, {@code --no-color}, {@code NO_COLOR}) the same layout comes out as plain text, with no escape
 * codes and no Markdown markers apart from backticks around inline code. The author's line breaks are kept, so a
 * table written with pipes stays readable.
 */
final class TerminalMarkdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final Parser WITH_LINES = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private final Style style;

    TerminalMarkdown(Style style) {
        this.style = style;
    }

    /** The rendered text, ending with a line break. */
    String render(String markdown) {
        String text = blocks(PARSER.parse(markdown), "\n\n");
        return text.isEmpty() ? "" : text + "\n";
    }

    /**
     * The Markdown without its first block when that block only repeats {@code title} (a heading or a bold line,
     * compared without case): a command that prints its own title line would otherwise show it twice.
     */
    static String withoutLeadingTitle(String markdown, String title) {
        Node first = WITH_LINES.parse(markdown).getFirstChild();
        boolean titleOnly = first instanceof Heading || first instanceof Paragraph
                && first.getFirstChild() instanceof StrongEmphasis && first.getFirstChild().getNext() == null;
        if (!titleOnly || !plain(first).strip().equalsIgnoreCase(title.strip()) || first.getSourceSpans().isEmpty()) {
            return markdown;
        }
        List<SourceSpan> spans = first.getSourceSpans();
        String[] lines = markdown.split("\n", -1);
        int after = spans.get(spans.size() - 1).getLineIndex() + 1;
        return String.join("\n", Arrays.asList(lines).subList(Math.min(after, lines.length), lines.length)).strip();
    }

    private String blocks(Node parent, String separator) {
        List<String> parts = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            String b = block(n);
            if (b != null && !b.isEmpty()) {
                parts.add(b);
            }
        }
        return String.join(separator, parts);
    }

    private String block(Node n) {
        if (n instanceof Heading h) {
            String text = bold(inlines(h));
            int width = Math.max(3, plain(h).codePointCount(0, plain(h).length()));
            return switch (h.getLevel()) {
                case 1 -> text + "\n" + dim("═".repeat(width));
                case 2 -> text + "\n" + dim("─".repeat(width));
                default -> text;
            };
        }
        if (n instanceof Paragraph) {
            return inlines(n);
        }
        if (n instanceof FencedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (n instanceof IndentedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list((ListBlock) n);
        }
        if (n instanceof BlockQuote) {
            return prefixLines(blocks(n, "\n\n"), dim("│ "), dim("│ "));
        }
        if (n instanceof ThematicBreak) {
            return dim("─".repeat(40));
        }
        if (n instanceof HtmlBlock html) {
            return html.getLiteral().stripTrailing();
        }
        if (n instanceof LinkReferenceDefinition) {
            return null;
        }
        return blocks(n, "\n\n");
    }

    private String codeBlock(String literal) {
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        StringBuilder sb = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("    ").append(line.isEmpty() ? "" : ansi("36", line));
        }
        return sb.toString();
    }

    private String list(ListBlock list) {
        List<String> items = new ArrayList<>();
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + ". " : "• ";
            String body = blocks(item, list.isTight() ? "\n" : "\n\n");
            items.add(prefixLines(body, "  " + marker, "  " + " ".repeat(marker.length())));
        }
        return String.join(list.isTight() ? "\n" : "\n\n", items);
    }

    private static String prefixLines(String text, String first, String rest) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(i == 0 ? first : lines[i].isEmpty() ? "" : rest).append(lines[i]);
        }
        return sb.toString();
    }

    private String inlines(Node parent) {
        StringBuilder sb = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            sb.append(inline(n));
        }
        return sb.toString();
    }

    private String inline(Node n) {
        if (n instanceof Text t) {
            return t.getLiteral();
        }
        if (n instanceof Code c) {
            return style.color() ? ansi("36", c.getLiteral()) : "`" + c.getLiteral() + "`";
        }
        if (n instanceof Emphasis) {
            return ansi("3", inlines(n));
        }
        if (n instanceof StrongEmphasis) {
            return bold(inlines(n));
        }
        if (n instanceof Link link) {
            String text = inlines(n);
            String url = link.getDestination();
            if (url.isEmpty() || plain(n).equals(url) || ("mailto:" + plain(n)).equals(url)) {
                return ansi("4", text);
            }
            return ansi("4", text) + dim(" (" + url + ")");
        }
        if (n instanceof Image image) {
            String alt = plain(n);
            return dim("[image" + (alt.isBlank() ? "" : ": " + alt) + "] (" + image.getDestination() + ")");
        }
        if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
            return "\n";
        }
        if (n instanceof HtmlInline html) {
            return html.getLiteral();
        }
        return inlines(n);
    }

    /**
     * {@code s} in a style, ended by that style's own reset (not a full reset), so that styles nest: a bold phrase
     * holding inline code stays bold after the code.
     */
    private String ansi(String code, String s) {
        if (!style.color()) {
            return s;
        }
        String off = switch (code) {
            case "1", "2" -> "22";
            case "3" -> "23";
            case "4" -> "24";
            default -> "39";
        };
        return "\u001b[" + code + "m" + s + "\u001b[" + off + "m";
    }

    private String bold(String s) {
        return ansi("1", s);
    }

    private String dim(String s) {
        return ansi("2", s);
    }

    /** The text of a node without any markup. */
    private static String plain(Node parent) {
        StringBuilder sb = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (n instanceof Code c) {
                sb.append(c.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                sb.append(' ');
            } else {
                sb.append(plain(n));
            }
        }
        return sb.toString();
    }
}
