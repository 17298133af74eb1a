package dev.progy.server.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The answer to requests the HTTP server refuses before any route sees them (a malformed request line, headers too
 * large, a URI too long): the same JSON {@code {"error", "message"}} as every other refusal, not an HTML page
 * naming the server's internals.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String error = switch (code) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "too_slow";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> code >= 500 ? "server_error" : "refused";
        };
        String text = switch (code) {
            case 400 -> "The request is not well-formed HTTP.";
            case 408 -> "The request arrived too slowly; send it again on a faster connection.";
            case 413 -> "The request is larger than this server accepts.";
            case 414 -> "The address is longer than this server accepts.";
            case 431 -> "The request's headers are larger than this server accepts (16 KiB).";
            default -> code >= 500 ? "Something went wrong on the server." : "The server refused the request.";
        };
        byte[] body = HttpServer.json(g -> {
            g.writeStringField("error", error);
            g.writeStringField("message", text);
        });
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
