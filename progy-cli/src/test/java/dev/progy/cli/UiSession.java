package dev.progy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code progy ui} started in-process on a workspace, and plain HTTP/1.1 to it over a socket: a test chooses every
 * header (a browser's client would not let it send a wrong Host).
 */
final class UiSession implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]+)");
    final RunningCli cli;
    final int port;
    final String token;
    final String address;
    private String cookie;

    UiSession(CliHarness harness, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "ui";
        args[1] = "--no-open";
        args[2] = "--no-color";
        System.arraycopy(extra, 0, args, 3, extra.length);
        this.cli = harness.start(args);
        String out = cli.awaitOutput("?token=");
        Matcher m = ADDRESS.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no address in: " + out);
        }
        this.port = Integer.parseInt(m.group(1));
        this.token = m.group(2);
        this.address = m.group();
    }

    /** Opens the printed address, as a browser does, and keeps the cookie it is given. */
    Response signIn() {
        Response r = request("GET", "/?token=" + token, Map.of(), "");
        cookie = r.header("set-cookie").split(";")[0];
        return r;
    }

    Response get(String path) {
        return request("GET", path, cookie == null ? Map.of() : Map.of("Cookie", cookie), "");
    }

    Response post(String path, String form, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (cookie != null) {
            h.putIfAbsent("Cookie", cookie);
        }
        h.put("Content-Type", "application/x-www-form-urlencoded");
        return request("POST", path, h, form);
    }

    /** One request on its own connection; {@code Host} is 127.0.0.1:port unless {@code headers} say otherwise. */
    Response request(String method, String path, Map<String, String> headers, String body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", "127.0.0.1:" + port);
            h.putAll(headers);
            h.put("Connection", "close");
            h.put("Content-Length", Integer.toString(payload.length));
            h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, end);
            String[] lines = head.split("\r\n");
            Map<String, String> got = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                got.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), got, raw.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String cookie() {
        return cookie;
    }

    @Override
    public void close() {
        cli.interrupt(); // Ctrl-C
        cli.awaitExit();
        cli.close();
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }
}
