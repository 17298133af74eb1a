package dev.progy.spi.support.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The way out for course code whose runner lists the hosts it needs ({@code network_access = { allow = [...] }}):
 * an HTTP proxy that lets through {@code CONNECT} tunnels (HTTPS) and plain HTTP requests to the hosts and ports
 * of its {@link EgressRules}, refuses everything else with {@code 403} and a one-line reason, and reports every
 * attempt, allowed or not, to a listener. Course code reaches it through {@code HTTPS_PROXY}/{@code HTTP_PROXY}
 * with no other route out, so the names it asks for are resolved here, never inside the sandbox.
 *
 * <p>At most {@value #MAX_CONNECTIONS} connections at once; a request head over 16 KiB, or one that does not
 * arrive within 10 s, is refused; a tunnel idle for 2 minutes is closed.
 */
public final class EgressProxy implements AutoCloseable {

    /** Resolves a host name for an allowed connection; tests map names to loopback. */
    @FunctionalInterface
    public interface Resolver {
        /** The addresses of {@code host}, in the order to try. */
        InetAddress[] resolve(String host) throws UnknownHostException;

        /** The system's resolver. */
        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /**
     * One attempt to reach a host through the proxy.
     *
     * @param at      when it was asked
     * @param method  {@code CONNECT} or the HTTP method
     * @param host    the host asked for, as asked
     * @param port    the port asked for
     * @param allowed whether the proxy let it through
     * @param reason  why it was refused (empty when allowed)
     */
    public record Attempt(Instant at, String method, String host, int port, boolean allowed, String reason) {
        @Override
        public String toString() {
            return (allowed ? "allowed " : "refused ") + method + " " + host + ":" + port
                    + (allowed ? "" : " (" + reason + ")");
        }
    }

    static final int MAX_CONNECTIONS = 64;
    private static final int MAX_HEAD = 16 * 1024;
    private static final int HEAD_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int IDLE_TIMEOUT_MILLIS = 120_000;
    private static final int MAX_ATTEMPTS_KEPT = 1_000;

    private final ServerSocket server;
    private final EgressRules rules;
    private final Resolver resolver;
    private final Consumer<Attempt> listener;
    private final Clock clock;
    private final ExecutorService threads;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile InetAddress onlyTo;

    private EgressProxy(ServerSocket server, EgressRules rules, Resolver resolver, Consumer<Attempt> listener,
                        Clock clock) {
        this.server = server;
        this.rules = rules;
        this.resolver = resolver;
        this.listener = listener;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "progy-egress-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a proxy listening on {@code bind} (port 0: any free port).
     *
     * @param listener hears every attempt as it is decided; must not block
     */
    public static EgressProxy start(InetSocketAddress bind, EgressRules rules, Resolver resolver,
                                    Consumer<Attempt> listener, Clock clock) throws IOException {
        return start(bind, null, rules, resolver, listener, clock);
    }

    /**
     * Starts a proxy listening on {@code bind} that serves only connections made to {@code onlyTo}, one of this
     * machine's addresses, and closes any other at once: for an address that does not exist yet when the proxy
     * starts (a container network's gateway, made as its first container starts), listened for on every address.
     */
    public static EgressProxy start(InetSocketAddress bind, InetAddress onlyTo, EgressRules rules, Resolver resolver,
                                    Consumer<Attempt> listener, Clock clock) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 128);
        EgressProxy proxy = new EgressProxy(server, rules, resolver, listener, clock);
        proxy.onlyTo = onlyTo;
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** Where the proxy listens (for one started with {@code onlyTo}, the port only means something). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The attempts so far (the last {@value #MAX_ATTEMPTS_KEPT}), oldest first. */
    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Starts each line of {@link #report()}. */
    public static final String REPORT_PREFIX = "[progy network] ";

    /**
     * Every attempt so far, a line each, for the run's output: {@code [progy network] allowed GET pypi.org:80},
     * {@code [progy network] refused CONNECT example.com:443 (example.com is not in the course's network
     * allowlist)}; empty when there was none.
     */
    public String report() {
        StringBuilder lines = new StringBuilder();
        attempts().forEach(a -> lines.append(REPORT_PREFIX).append(a).append('\n'));
        return lines.toString();
    }

    /** The rules it holds course code to. */
    public EgressRules rules() {
        return rules;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            InetAddress to = onlyTo;
            if (to != null && !to.equals(client.getLocalAddress())) {
                closeQuietly(client);
                continue;
            }
            if (!slots.tryAcquire()) {
                refuseQuietly(client, 503, "Service Unavailable", "too many connections through the proxy at once");
                continue;
            }
            track(client);
            threads.execute(() -> {
                try {
                    serve(client);
                } finally {
                    closeQuietly(client);
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            Head head = readHead(in);
            if (head == null) {
                refuse(client, 400, "Bad Request", "the request head is incomplete or larger than 16 KiB");
                return;
            }
            Optional<Target> target = Target.of(head);
            if (target.isEmpty()) {
                refuse(client, 400, "Bad Request", "not a proxy request: use this address as an HTTP(S) proxy");
                return;
            }
            Target t = target.get();
            Optional<String> refusal = rules.refusal(t.host(), t.port());
            record(new Attempt(clock.instant(), head.method(), t.host(), t.port(), refusal.isEmpty(),
                    refusal.orElse("")));
            if (refusal.isPresent()) {
                refuse(client, 403, "Forbidden", refusal.get());
                return;
            }
            Socket upstream = connect(t);
            if (upstream == null) {
                refuse(client, 502, "Bad Gateway", t.host() + ":" + t.port() + " could not be reached");
                return;
            }
            track(upstream);
            try (upstream) {
                client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
                upstream.setSoTimeout(IDLE_TIMEOUT_MILLIS);
                OutputStream toClient = client.getOutputStream();
                OutputStream toUpstream = upstream.getOutputStream();
                if (head.method().equals("CONNECT")) {
                    toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                } else {
                    toUpstream.write(head.forwarded(t));
                }
                toUpstream.write(head.rest());
                toUpstream.flush();
                Future<?> back = threads.submit(() -> pipe(upstream, client));
                pipe(client, upstream);
                // a client that half-closes after its request (nc, some scripts) still gets the whole answer
                awaitQuietly(back);
            }
        } catch (IOException e) {
            // the client went away or timed out: nothing to answer
        }
    }

    private Socket connect(Target t) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(t.host());
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress a : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, t.port()), CONNECT_TIMEOUT_MILLIS);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
        return null;
    }

    private static void awaitQuietly(Future<?> pipe) {
        try {
            pipe.get(IDLE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the other direction failed or idled out: both sockets are closed next
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes the writing side. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (SocketTimeoutException e) {
            closeQuietly(from);
            closeQuietly(to);
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private void record(Attempt a) {
        synchronized (attempts) {
            if (attempts.size() >= MAX_ATTEMPTS_KEPT) {
                attempts.remove(0);
            }
            attempts.add(a);
        }
        listener.accept(a);
    }

    private void track(Socket s) {
        synchronized (open) {
            open.removeIf(Socket::isClosed);
            open.add(s);
        }
    }

    private static void refuse(Socket client, int code, String status, String reason) throws IOException {
        byte[] body = ("progy: " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + code + " " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void refuseQuietly(Socket client, int code, String status, String reason) {
        try (client) {
            refuse(client, code, status, reason);
        } catch (IOException e) {
            // nobody to tell
        }
    }

    /** Reads up to the blank line that ends a request head; null when it is too long or ends early. */
    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (seen.size() <= MAX_HEAD) {
            int n = in.read(buffer);
            if (n < 0) {
                return null;
            }
            seen.write(buffer, 0, n);
            byte[] all = seen.toByteArray();
            int end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'});
            if (end >= 0 && end <= MAX_HEAD) {
                String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
                byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
                return Head.parse(text, rest);
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A request head: its request line's parts, its header lines, and what came after it. */
    private record Head(String method, String target, String version, List<String> headers, byte[] rest) {

        static Head parse(String text, byte[] rest) {
            String[] lines = text.split("\r\n", -1);
            String[] parts = lines[0].split(" ");
            if (parts.length != 3) {
                return new Head("", "", "", List.of(), rest);
            }
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            return new Head(parts[0].toUpperCase(Locale.ROOT), parts[1], parts[2], headers, rest);
        }

        /** The head to send to the origin server: origin-form target, no proxy headers, one request per connection. */
        byte[] forwarded(Target t) {
            StringBuilder b = new StringBuilder();
            b.append(method).append(' ').append(t.path()).append(' ').append(version).append("\r\n");
            for (String h : headers) {
                String name = h.contains(":") ? h.substring(0, h.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
                if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                    b.append(h).append("\r\n");
                }
            }
            b.append("Connection: close\r\n\r\n");
            return b.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Where a request wants to go. */
    private record Target(String host, int port, String path) {

        static Optional<Target> of(Head head) {
            if (head.method().isEmpty()) {
                return Optional.empty();
            }
            if (head.method().equals("CONNECT")) {
                return hostPort(head.target(), -1, "");
            }
            String t = head.target();
            if (!t.regionMatches(true, 0, "http://", 0, 7)) {
                return Optional.empty();
            }
            String rest = t.substring(7);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "/" : rest.substring(slash);
            if (authority.contains("@")) {
                return Optional.empty(); // user info in a proxy URL: refused rather than guessed at
            }
            return hostPort(authority, 80, path);
        }

        private static Optional<Target> hostPort(String authority, int defaultPort, String path) {
            String host;
            String port;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    return Optional.empty();
                }
                host = authority.substring(1, close);
                port = authority.length() > close + 1 && authority.charAt(close + 1) == ':'
                        ? authority.substring(close + 2) : "";
            } else {
                int colon = authority.lastIndexOf(':');
                host = colon < 0 ? authority : authority.substring(0, colon);
                port = colon < 0 ? "" : authority.substring(colon + 1);
            }
            if (host.isEmpty()) {
                return Optional.empty();
            }
            try {
                int p = port.isEmpty() ? defaultPort : Integer.parseInt(port);
                return p > 0 && p < 65536 ? Optional.of(new Target(host, p, path)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Stops listening and closes every connection still open. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        synchronized (open) {
            open.forEach(EgressProxy::closeQuietly);
            open.clear();
        }
        threads.shutdownNow();
    }
}
