package dev.progy.server.registry;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A course's README as its page shows it: the {@code README.md} at the top of its archive, rendered from Markdown
 * to HTML that cannot run anything. Raw HTML in the Markdown is shown as text; a link keeps its address only when
 * it is {@code https:}, {@code http:} or {@code mailto:} (others, and links to files inside the course, become
 * their text); headings move two levels down (the page's own heading and its "README" section come first); an
 * image becomes its description in words, since the page's policy loads no image from elsewhere
 * and the course's own files are not served one by one.
 */
final class Readme {

    /** A README larger than this is cut (it is a course's front page, not its content). */
    static final int MOST_BYTES = 256 * 1024;
    private static final int CACHED = 64;
    private static final List<org.commonmark.Extension> TABLES = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(TABLES).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(TABLES).escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            }).build();

    /** Rendered READMEs by archive checksum: an archive never changes, so neither does its README. */
    private final Map<String, Optional<String>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > CACHED;
        }
    };

    /** The README of the archive whose checksum is {@code sha256}, read by {@code open}; empty when it has none. */
    Optional<String> of(String sha256, ArchiveOpener open) {
        synchronized (cache) {
            Optional<String> had = cache.get(sha256);
            if (had != null) {
                return had;
            }
        }
        Optional<String> html = open.open().flatMap(Readme::readmeOf).map(Readme::render);
        synchronized (cache) {
            cache.put(sha256, html);
        }
        return html;
    }

    /** Opens an archive's bytes, if the blob store has them. */
    interface ArchiveOpener {
        Optional<InputStream> open();
    }

    /** The text of the top-level README.md (any case) of a zip archive, at most {@link #MOST_BYTES}. */
    static Optional<String> readmeOf(InputStream archive) {
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (!e.isDirectory() && name.toLowerCase(Locale.ROOT).equals("readme.md")) {
                    byte[] bytes = zip.readNBytes(MOST_BYTES);
                    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code markdown} as safe HTML. */
    static String render(String markdown) {
        Node document = PARSER.parse(markdown);
        List<Runnable> changes = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                changes.add(() -> {
                    String alt = words(image);
                    Emphasis said = new Emphasis();
                    said.appendChild(new Text(alt.isBlank() ? "(an image)" : "(image: " + alt + ")"));
                    image.insertBefore(said);
                    image.unlink();
                });
            }

            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 2));
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                visitChildren(link);
                if (!outside(link.getDestination())) {
                    changes.add(() -> {
                        Node child = link.getFirstChild();
                        while (child != null) {
                            Node next = child.getNext();
                            link.insertBefore(child);
                            child = next;
                        }
                        link.unlink();
                    });
                }
            }
        });
        changes.forEach(Runnable::run);
        return HTML.render(document);
    }

    private static boolean outside(String destination) {
        String d = destination == null ? "" : destination.trim().toLowerCase(Locale.ROOT);
        return d.startsWith("https://") || d.startsWith("http://") || d.startsWith("mailto:");
    }

    private static String words(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }
        });
        return out.toString();
    }
}
