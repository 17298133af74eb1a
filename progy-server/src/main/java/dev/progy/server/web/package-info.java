/**
 * The web pages' foundation: browser sessions ({@link dev.progy.server.web.Sessions}), CSRF tokens, the page
 * wrapper that puts pages in the route table ({@link dev.progy.server.web.WebPages}), the templates (jte, in
 * {@code src/main/jte}, compiled at build time into {@code dev.progy.server.web.pages}) and the stylesheet. It
 * imports no capability: a capability's pages live in its own package and use this one.
 *
 * <h2>Adding a page</h2>
 * <ol>
 *   <li>Write the template {@code src/main/jte/<name>.jte}. Its first parameter is {@code @param Frame frame}; it
 *       wraps its content in {@code @template.layout(frame = frame, content = @`…`)} (title, navigation, sign-out
 *       button, skip link). Every form posts with {@code <input type="hidden" name="csrf" value="${frame.csrf()}">};
 *       every input has a {@code <label for>}; messages go in {@code role="status"} or {@code role="alert"}.
 *       Parameters are JDK types or public records (for instance the hub's); a template never names a capability's
 *       class.</li>
 *   <li>In the capability's package, add routes to its list with
 *       {@code web.get(path, Access.signedIn(), page -> page.render(200, "<name>.jte", "Title", Map.of(…)))} and
 *       {@code web.post(path, Access.signedIn(), page -> …)}; add {@code .role("admin")}, {@code .owner("param")}
 *       or {@code .member("param")} as for a JSON route, or use {@link dev.progy.server.http.Access#publicPage()}.
 *       {@link dev.progy.server.web.WebPages} checks, before the handler runs: the session (an anonymous browser is
 *       sent to sign in and back), the role and resource (a 403 page), and on every POST the form's CSRF token (a
 *       403 page). The handler reads {@link dev.progy.server.web.Page#field}, {@link dev.progy.server.web.Page#account}
 *       and answers {@code page.render(…)}, {@code page.redirect(…)} or {@code page.error(…)}.</li>
 *   <li>Add the routes to the route table in {@code ProgyServer.routes}; {@code RouteAuthorizationTest} then calls
 *       the page as anonymous, with tokens, as each role's session, as owner, member and stranger, and with missing
 *       and foreign CSRF tokens. Add a browser test beside {@code WebPagesBrowserTest} and a screenshot.</li>
 * </ol>
 * For example, a page that approves a device code ({@code wt-device}) would be
 * {@code web.get("/device", Access.signedIn(), page -> page.render(200, "device.jte", "Approve a device",
 * Map.of("code", page.query("code").orElse(""))))} and a {@code web.post("/device", Access.signedIn(), …)} that
 * approves the code for {@code page.account()}.
 */
package dev.progy.server.web;
