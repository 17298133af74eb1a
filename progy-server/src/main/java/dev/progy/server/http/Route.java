package dev.progy.server.http;

/**
 * One line of the route table: a method and path, who may call it, what body it takes, and its handler.
 */
public record Route(Method method, String path, Access access, Limits limits, Handler handler) {

    public Route {
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(access, "every route declares who may call it");
        java.util.Objects.requireNonNull(limits, "limits");
        java.util.Objects.requireNonNull(handler, "handler");
    }

    /** The methods routes use; {@code X-HTTP-Method-Override} never changes which one a request is. */
    public enum Method { GET, POST }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange exchange);
    }

    public static Route get(String path, Access access, Handler handler) {
        return new Route(Method.GET, path, access, Limits.NO_BODY, handler);
    }

    public static Route post(String path, Access access, Limits limits, Handler handler) {
        return new Route(Method.POST, path, access, limits, handler);
    }
}
