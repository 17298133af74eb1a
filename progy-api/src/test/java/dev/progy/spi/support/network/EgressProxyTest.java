package dev.progy.spi.support.network;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressProxyTest {

    /** Two web servers on loopback: one stands in for an allowed host, one for a host that is not allowed. */
    private HttpServer allowedHost;
    private HttpServer otherHost;
    private EgressProxy proxy;
    private final List<EgressProxy.Attempt> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        allowedHost = server("hello from the allowed host");
        otherHost = server("secret of a host nobody allowed");
        EgressProxy.Resolver names = host -> {
            if (host.endsWith(".test")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host);
        };
        EgressRules rules = EgressRules.allow(List.of("pypi.test", "*.npmjs.test"),
                Set.of(allowedHost.getAddress().getPort(), otherHost.getAddress().getPort()));
        proxy = EgressProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), rules, names,
                heard::add, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        proxy.close();
        allowedHost.stop(0);
        otherHost.stop(0);
    }

    private static HttpServer server(String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", exchange -> {
            byte[] b = (body + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        s.start();
        return s;
    }

    private HttpResponse<String> get(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy.address())).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("a plain HTTP request to an allowed host goes through, and the attempt is reported as allowed")
    void allowedHttp() throws Exception {
        HttpResponse<String> r = get("http://pypi.test:" + allowedHost.getAddress().getPort() + "/simple/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello from the allowed host /simple/");
        assertThat(heard).singleElement().satisfies(a -> {
            assertThat(a.allowed()).isTrue();
            assertThat(a.host()).isEqualTo("pypi.test");
            assertThat(a.method()).isEqualTo("GET");
        });
    }

    @Test
    @DisplayName("a client that half-closes after its request (as nc does) still gets the whole answer")
    void halfCloseAfterRequest() throws Exception {
        try (java.net.Socket s = new java.net.Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            int port = allowedHost.getAddress().getPort();
            s.getOutputStream().write(("GET http://pypi.test:" + port + "/half HTTP/1.1\r\nHost: pypi.test:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("hello from the allowed host /half");
        }
    }

    @Test
    @DisplayName("a host that is not in the allowlist is refused with 403 and the reason, and never contacted")
    void otherHostRefused() throws Exception {
        HttpResponse<String> r = get("http://evil.test:" + otherHost.getAddress().getPort() + "/");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("evil.test is not in the course's network allowlist")
                .doesNotContain("secret");
        assertThat(proxy.attempts()).singleElement().satisfies(a -> assertThat(a.allowed()).isFalse());
    }

    @Test
    @DisplayName("a CONNECT tunnel (how HTTPS goes through a proxy) to an allowed host carries data both ways")
    void connectTunnel() throws Exception {
        try (Socket s = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            int port = allowedHost.getAddress().getPort();
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT registry.npmjs.test:" + port + " HTTP/1.1\r\nHost: registry.npmjs.test:" + port
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 Connection established");
            assertThat(readLine(in)).isEmpty();
            out.write("GET /pkg HTTP/1.1\r\nHost: registry.npmjs.test\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("hello from the allowed host /pkg");
        }
    }

    @Test
    @DisplayName("a wildcard allows sub-domains only, a port outside the allowed ones is refused, names ignore case")
    void wildcardsAndPorts() {
        EgressRules rules = EgressRules.allow(List.of("*.npmjs.org", "PyPI.org."));
        assertThat(rules.refusal("registry.npmjs.org", 443)).isEmpty();
        assertThat(rules.refusal("npmjs.org", 443)).hasValueSatisfying(r -> assertThat(r).contains("not in"));
        assertThat(rules.refusal("evilnpmjs.org", 443)).isPresent();
        assertThat(rules.refusal("pypi.org", 80)).isEmpty();
        assertThat(rules.refusal("PYPI.ORG.", 443)).isEmpty();
        assertThat(rules.refusal("pypi.org", 22)).hasValue("port 22 is not allowed (only 80 and 443)");
        assertThat(rules.refusal("pypi.org.evil.com", 443)).isPresent();
    }

    @Test
    @DisplayName("CONNECT to a port that is not allowed is refused before any connection is made")
    void connectPortRefused() throws Exception {
        try (Socket s = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            s.getOutputStream().write("CONNECT pypi.test:22 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("port 22 is not allowed");
        }
    }

    @Test
    @DisplayName("a request that is not a proxy request, or whose head is endless, gets 400 and no connection")
    void badRequests() throws Exception {
        try (Socket s = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 400").contains("use this address as an HTTP(S) proxy");
        }
        try (Socket s = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET http://pypi.test/ HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(("X-Long: " + "a".repeat(20_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the proxy may close before reading it all
            }
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 400");
        }
        assertThat(heard).isEmpty();
    }

    @Test
    @DisplayName("an allowlist entry that is not a host name is an error naming it")
    void badPatterns() {
        assertThatThrownBy(() -> EgressRules.allow(List.of("pypi.org", "http://x.org/path", "*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http://x.org/path'").hasMessageContaining("'*'")
                .hasMessageNotContaining("'pypi.org'");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
