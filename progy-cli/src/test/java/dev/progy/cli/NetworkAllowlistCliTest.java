package dev.progy.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container course whose runner lists the hosts it may reach ({@code network_access = {"allow": [...]}}), on
 * both engines: the question names the hosts, and the run reaches an allowed host through Progy's egress proxy,
 * is refused any other, has no route out besides, and every attempt is reported. A web server on this machine's
 * loopback stands in for the allowed host ({@code localhost}) and for one that is not ({@code 127.0.0.2}).
 */
class NetworkAllowlistCliTest {

    @TempDir
    Path tmp;
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    private void serve(String address, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 80), 16);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
    }

    private CliHarness course(String engine) throws IOException {
        Engines.requireOrSkip(tmp, engine);
        CliHarness cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "allow-course", "name": "Fetches",
                 "runners": [{"id": "fetch", "type": "docker-file", "command": "sh", "args": ["runner/check.sh"],
                              "network_access": {"allow": ["localhost"]}}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM " + System.getenv().getOrDefault("PROGY_TEST_IMAGE",
                "progy/busybox:test") + "\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), """
                p=${HTTP_PROXY#http://}; host=${p%:*}; port=${p##*:}
                [ -n "$HTTP_PROXY" ] && [ "$HTTPS_PROXY" = "$HTTP_PROXY" ] && [ "$https_proxy" = "$HTTP_PROXY" ] && echo "proxy set"
                printf 'GET http://localhost/ HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' \\
                  | nc -w 5 "$host" "$port"
                echo
                printf 'CONNECT localhost:80 HTTP/1.1\\r\\nHost: localhost:80\\r\\n\\r\\nGET /tunnel HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' \\
                  | nc -w 5 "$host" "$port" | tail -1 | sed 's/^/tunnel: /'
                echo
                printf 'GET http://127.0.0.2/ HTTP/1.1\\r\\nHost: 127.0.0.2\\r\\nConnection: close\\r\\n\\r\\n' \\
                  | nc -w 5 "$host" "$port"
                echo
                if nc -w 2 1.1.1.1 80 </dev/null 2>/dev/null; then echo DIRECT; else echo 'no direct route'; fi
                if nslookup example.com >/dev/null 2>&1; then echo 'resolved example.com'; else echo 'no DNS'; fi
                """);
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_fetch"));
        Files.writeString(ex.resolve("README.md"), "# Fetch\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo\n");
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();
        return cli;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "podman"})
    @DisplayName("the question names the hosts; the run reaches only them, through the proxy, and every attempt is shown")
    void onlyAllowedHosts(String engine) throws IOException {
        serve("127.0.0.1", "hello from the allowed host");
        serve("127.0.0.2", "SHOULD NOT BE SEEN");
        CliHarness cli = course(engine);
        cli.terminal = true;
        CliHarness.Result declined = cli.runWithInput(new StringReader("n\n"), "run", "01_fetch", "-v", "-C", "ws",
                "--engine", engine);
        assertThat(declined.err()).as(declined.toString()).contains("asks for network access to localhost",
                "Allow access to localhost for this course? [y/N]");
        assertThat(declined.out()).doesNotContain("hello from the allowed host");

        CliHarness.Result r = cli.run("run", "01_fetch", "-v", "-C", "ws", "--engine", engine, "--allow-network");
        assertThat(r.err()).as(r.toString()).contains("network access to localhost allowed");
        assertThat(r.out()).as(r.toString()).contains("proxy set", "hello from the allowed host",
                "is not in the course's network allowlist", "no direct route", "no DNS",
                "tunnel: hello from the allowed host", "[progy network] allowed CONNECT localhost:80",
                "[progy network] allowed GET localhost:80", "[progy network] refused GET 127.0.0.2:80")
                .doesNotContain("SHOULD NOT BE SEEN", "DIRECT", "resolved example.com");

        CliHarness.Result later = cli.run("run", "01_fetch", "-C", "ws", "--engine", engine);
        assertThat(later.err()).contains("sandbox relaxed: network access to localhost");
    }
}
