package dev.progy.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.Map;

/**
 * The pages' templates (jte, in {@code src/main/jte}), compiled to Java classes when the server is built, so the
 * server needs no template compiler and finds a template error at build time. Output is HTML-escaped by context.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.progy.server.web.pages");

    private Templates() { }

    static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
