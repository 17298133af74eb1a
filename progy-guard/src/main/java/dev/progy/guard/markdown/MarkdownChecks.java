package dev.progy.guard.markdown;

import dev.progy.CourseArchive;
import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Markdown rules (PG-M…) over every {@code .md} file of a course: relative links and images must lead to a
 * file of the course, {@code #anchors} to a heading that exists (GitHub's slugs), and images stay under a size
 * limit. Links in code are not links (the parser knows); external links are listed by {@link #externalLinks} and
 * checked only with {@code --check-external} ({@link ExternalLinks}).
 */
public final class MarkdownChecks {

    /** Images bigger than this slow every student's install and page. */
    static final long MAX_IMAGE_BYTES = 2L << 20;

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private MarkdownChecks() { }

    /** One link or image as written: where, to what, and whether it is an image. */
    private record Target(String destination, int line, boolean image) { }

    /**
     * An http(s) link or image of a course's Markdown, where it is written; checked only on request
     * ({@link ExternalLinks}), since it needs the network.
     *
     * @param file the Markdown file, relative to the course root with '/' separators
     * @param line the line the link starts on, 1-based
     * @param url  the destination as written (fragment included)
     */
    record ExternalLink(String file, int line, String url) { }

    /** Every link and image of a Markdown file, with the file (absolute and relative to the course root). */
    private interface TargetVisitor {
        void visit(Path md, String relative, Target target);
    }

    public static List<Finding> check(Path root) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        eachTarget(root, (md, relative, t) -> check(root, md, relative, t, anchors, out));
        return out;
    }

    /** Every http(s) link and image of the course's Markdown, in file then line order; other schemes are not fetched. */
    static List<ExternalLink> externalLinks(Path root) {
        List<ExternalLink> out = new ArrayList<>();
        eachTarget(root, (md, relative, t) -> {
            String dest = t.destination().trim();
            if (dest.regionMatches(true, 0, "http://", 0, 7) || dest.regionMatches(true, 0, "https://", 0, 8)) {
                out.add(new ExternalLink(relative, t.line(), dest));
            }
        });
        return out;
    }

    private static void eachTarget(Path root, TargetVisitor visitor) {
        for (Path md : markdownFiles(root)) {
            String relative = root.relativize(md).toString().replace('\\', '/');
            Node document;
            try {
                document = PARSER.parse(Files.readString(md, StandardCharsets.UTF_8));
            } catch (IOException e) {
                continue;
            }
            for (Target t : targets(document)) {
                visitor.visit(md, relative, t);
            }
        }
    }

    private static void check(Path root, Path md, String relative, Target t, Map<Path, Set<String>> anchors,
                              List<Finding> out) {
        String dest = t.destination().trim();
        if (dest.isEmpty() || dest.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || dest.startsWith("//")) {
            return; // external (https:, mailto:, data:, …): not this rule's
        }
        int hash = dest.indexOf('#');
        String path = URLDecoder.decode(hash >= 0 ? dest.substring(0, hash) : dest, StandardCharsets.UTF_8);
        String anchor = hash >= 0 ? dest.substring(hash + 1) : "";
        Path target = path.isEmpty() ? md : (path.startsWith("/") ? root.resolve(path.substring(1)) : md.getParent().resolve(path))
                .normalize();
        String what = t.image() ? "image" : "link";
        if (!target.startsWith(root)) {
            out.add(new Finding(GuardRules.BROKEN_LINK, relative, t.line(), "the " + what + " to " + dest
                    + " leads out of the course", "link to a file inside the course"));
            return;
        }
        if (!Files.exists(target)) {
            out.add(new Finding(GuardRules.BROKEN_LINK, relative, t.line(), "the " + what + " to " + dest
                    + " points at a file the course does not have", "fix the path (it is relative to " + relative + ")"));
            return;
        }
        if (t.image()) {
            try {
                if (Files.size(target) > MAX_IMAGE_BYTES) {
                    out.add(new Finding(GuardRules.BIG_IMAGE, relative, t.line(), "the image " + dest + " is "
                            + Files.size(target) / 1024 + " KiB, over " + MAX_IMAGE_BYTES / 1024 + " KiB",
                            "shrink it (progy optimize converts images to WebP)"));
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        if (!anchor.isEmpty() && target.toString().toLowerCase(Locale.ROOT).endsWith(".md")
                && !anchors.computeIfAbsent(target, MarkdownChecks::anchorsOf).contains(anchor.toLowerCase(Locale.ROOT))) {
            out.add(new Finding(GuardRules.MISSING_ANCHOR, relative, t.line(), "the link to " + dest + " names a heading "
                    + (path.isEmpty() ? "this file" : path) + " does not have", "link to an existing heading's anchor"));
        }
    }

    private static List<Target> targets(Node document) {
        List<Target> out = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                out.add(new Target(link.getDestination(), line(link), false));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                out.add(new Target(image.getDestination(), line(image), true));
                visitChildren(image);
            }
        });
        return out;
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
    }

    /** GitHub's heading anchors of a Markdown file: lower case, punctuation dropped, spaces to '-', repeats numbered. */
    static Set<String> anchorsOf(Path md) {
        Set<String> out = new HashSet<>();
        Node document;
        try {
            document = PARSER.parse(Files.readString(md, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code c) {
                        text.append(c.getLiteral());
                    }
                });
                String slug = text.toString().toLowerCase(Locale.ROOT).trim()
                        .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                out.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        });
        return out;
    }

    private static List<Path> markdownFiles(Path root) {
        return CourseArchive.files(root).stream()
                .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")).toList();
    }
}
