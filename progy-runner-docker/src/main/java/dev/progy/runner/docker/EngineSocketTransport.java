package dev.progy.runner.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.spi.container.UnixSocketHttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Docker Engine's API over its Unix socket with the SDK's own small HTTP client ({@link UnixSocketHttp}, which
 * the Podman adapter uses too), for the calls of a cold run ({@link LightCalls}): docker-java's transport (Apache
 * HttpClient 5) costs a one-shot {@code progy run} ≈ 60 ms to set up and make its first request in a fresh JVM.
 * docker-java's own client keeps its own transport. No hijacked streams (exec and attach): those stay docker-java's.
 */
final class EngineSocketTransport implements DockerHttpClient {
    private final UnixSocketHttp http;

    EngineSocketTransport(Path socket) {
        this.http = new UnixSocketHttp(socket);
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("hijacked streams are left to docker-java's transport");
        }
        byte[] body = request.bodyBytes();
        InputStream stream = request.body();
        if (body == null && stream != null) {
            try {
                body = stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String type = request.headers().getOrDefault("Content-Type", "application/json");
        UnixSocketHttp.Exchange x;
        try {
            x = http.send(request.method(), request.path(), body == null ? null : type, body, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Response() {
            @Override
            public int getStatusCode() {
                return x.status();
            }

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of(); // LightCalls reads none; getHeader answers single headers
            }

            @Override
            public String getHeader(String name) {
                return x.header(name);
            }

            @Override
            public InputStream getBody() {
                return x.body();
            }

            @Override
            public void close() {
                x.close();
            }
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
