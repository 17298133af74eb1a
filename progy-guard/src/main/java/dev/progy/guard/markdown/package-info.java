/**
 * The Markdown rules (PG-M…): relative links, images and anchors of every {@code .md} file
 * ({@link dev.progy.guard.markdown.MarkdownChecks}), and, on request, every external link requested over HTTP
 * ({@link dev.progy.guard.markdown.ExternalLinks}).
 */
package dev.progy.guard.markdown;
