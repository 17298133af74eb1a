package dev.progy.server.http;

/**
 * One line of the route table: a method and path, who may call it, how often ({@link RateClass}: GET routes are
 * {@code READ}, POST routes {@code WRITE}, unless the route says otherwise with {@link #rate}), what body it takes,
 * and its handler.
 */
public record Route(Method method, String path, Access access, Limits limits, RateClass rate, Handler handler) {

    public Route {
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(access, "every route declares who may call it");
        java.util.Objects.requireNonNull(limits, "limits");
        java.util.Objects.requireNonNull(rate, "rate");
        java.util.Objects.requireNonNull(handler, "handler");
    }

    /** A route of its method's rate class. */
    public Route(Method method, String path, Access access, Limits limits, Handler handler) {
        this(method, path, access, limits, method == Method.GET ? RateClass.READ : RateClass.WRITE, handler);
    }

    /** The methods routes use; {@code X-HTTP-Method-Override} never changes which one a request is. */
    public enum Method { GET, POST, PUT, DELETE }

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

    public static Route put(String path, Access access, Limits limits, Handler handler) {
        return new Route(Method.PUT, path, access, limits, handler);
    }

    public static Route delete(String path, Access access, Handler handler) {
        return new Route(Method.DELETE, path, access, Limits.NO_BODY, RateClass.WRITE, handler);
    }

    /** This route, limited as {@code rate} says instead of its method's default. */
    public Route rate(RateClass rate) {
        return new Route(method, path, access, limits, rate, handler);
    }
}
