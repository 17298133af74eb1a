package dev.progy.cli.ui;

import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An exercise's instructions (CommonMark) as HTML for its page: raw HTML in the Markdown is shown as text, links
 * keep only safe schemes, code is coloured by {@link CodeHighlighter}, and relative links and images point at the
 * workspace's checked file route (or at another exercise's page when they name its README).
 */
final class InstructionsHtml {
    private static final Parser PARSER = Parser.builder().build();

    private InstructionsHtml() { }

    /**
     * @param markdown    the instructions
     * @param folder      the folder the Markdown sits in, relative to the workspace with forward slashes
     * @param readmePages exercise ids by the workspace-relative path of their README
     */
    static String render(String markdown, String folder, Map<String, String> readmePages) {
        Function<String, String> relink = url -> relink(url, folder, readmePages);
        HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
                .attributeProviderFactory(c -> (node, tag, attrs) -> {
                    if (node instanceof Link && attrs.containsKey("href")) {
                        attrs.put("href", relink.apply(attrs.get("href")));
                        if (attrs.get("href").startsWith("http")) {
                            attrs.put("rel", "noopener noreferrer");
                        }
                    } else if (node instanceof Image && attrs.containsKey("src")) {
                        attrs.put("src", relink.apply(attrs.get("src")));
                        attrs.put("loading", "lazy");
                    }
                })
                .nodeRendererFactory(CodeBlocks::new)
                .build();
        return renderer.render(PARSER.parse(markdown));
    }

    /** One paragraph of Markdown (a quiz question) as inline HTML, for inside a legend. */
    static String inline(String markdown) {
        String html = render(markdown, "", Map.of()).strip();
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
            return html.substring(3, html.length() - 4);
        }
        return html;
    }

    static String relink(String url, String folder, Map<String, String> readmePages) {
        if (url.isEmpty() || url.startsWith("#") || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || url.startsWith("//")) {
            return url;
        }
        String path = url;
        String fragment = "";
        int hash = path.indexOf('#');
        if (hash >= 0) {
            fragment = path.substring(hash);
            path = path.substring(0, hash);
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        String resolved = normalise(path.startsWith("/") ? path.substring(1) : folder + "/" + path);
        if (resolved == null) {
            return "#";
        }
        String exercise = readmePages.get(resolved.endsWith("/") || resolved.isEmpty() ? resolved + "README.md" : resolved);
        if (exercise == null) {
            exercise = readmePages.get(resolved + "/README.md");
        }
        if (exercise != null) {
            return "/exercise?id=" + encode(exercise) + fragment;
        }
        return "/file?path=" + encode(resolved);
    }

    /** {@code a/b/../c} → {@code a/c}; null when it climbs above the workspace. */
    private static String normalise(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Fenced and indented code, coloured on the server. */
    private static final class CodeBlocks implements NodeRenderer {
        private final HtmlWriter html;

        CodeBlocks(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FencedCodeBlock.class, IndentedCodeBlock.class);
        }

        @Override
        public void render(Node node) {
            String code;
            String language = "";
            if (node instanceof FencedCodeBlock f) {
                code = f.getLiteral();
                String info = f.getInfo() == null ? "" : f.getInfo().trim();
                language = info.isEmpty() ? "" : info.split("\\s+")[0];
            } else {
                code = ((IndentedCodeBlock) node).getLiteral();
            }
            html.line();
            html.raw("<pre class=\"code\"><code" + (language.isEmpty() ? "" : " class=\"language-"
                    + CodeHighlighter.escape(language) + "\"") + ">" + CodeHighlighter.html(code, language) + "</code></pre>");
            html.line();
        }
    }
}
