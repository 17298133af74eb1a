package dev.progy.server.web;

import dev.progy.server.http.Reply;

/** Answers one page request; sign-in, access and the form's CSRF token were checked before. */
@FunctionalInterface
public interface PageHandler {
    Reply handle(Page page);
}
