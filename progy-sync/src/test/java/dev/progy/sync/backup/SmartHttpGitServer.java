package dev.progy.sync.backup;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A git server speaking the smart HTTP protocol on loopback, for tests: JGit's own server side
 * ({@link ReceivePack}, {@link UploadPack}) behind the JDK's HTTP server, serving one bare repository at
 * {@code /backup.git}, optionally behind HTTP basic auth. (JGit's GitServlet would do the same in a servlet
 * container; its artifact is not served by the registry this project builds from.)
 */
final class SmartHttpGitServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Path bare;
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger advertisements = new AtomicInteger();
    private final AtomicInteger failing = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private SmartHttpGitServer(HttpServer server, Path bare) {
        this.server = server;
        this.bare = bare;
    }

    /** Serves {@code bare} (a bare repository) at {@link #url()}; with a user and password, only to them. */
    static SmartHttpGitServer start(Path bare, String user, String password) throws IOException {
        return start(bare, user, password, 0);
    }

    /** As {@link #start(Path, String, String)}, on a given port (0: any free one). */
    static SmartHttpGitServer start(Path bare, String user, String password, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        SmartHttpGitServer s = new SmartHttpGitServer(http, bare);
        HttpContext ctx = http.createContext("/backup.git/", s::handle);
        if (user != null) {
            ctx.setAuthenticator(new BasicAuthenticator("git") {
                @Override
                public boolean checkCredentials(String u, String p) {
                    return user.equals(u) && password.equals(p);
                }
            });
        }
        http.setExecutor(s.threads);
        http.start();
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/backup.git";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Times a client asked for the refs to push to (once per push attempt). */
    int pushAttempts() {
        return advertisements.get();
    }

    /** Answers the next {@code n} push attempts with 503 Service Unavailable, as an overloaded host would. */
    void failNextPushes(int n) {
        failing.set(n);
    }

    /** Pushes received so far (completed receive-pack requests). */
    int pushes() {
        return pushes.get();
    }

    /** Holds every push until {@link #release()}, as a slow network would. */
    void holdPushes() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            String path = ex.getRequestURI().getPath();
            String query = String.valueOf(ex.getRequestURI().getQuery());
            if (path.endsWith("/info/refs") && query.contains("service=git-receive-pack")) {
                advertisements.incrementAndGet();
                if (failing.getAndDecrement() > 0) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                advertise(ex, "git-receive-pack", out -> newReceivePack(repo).sendAdvertisedRefs(out));
            } else if (path.endsWith("/info/refs") && query.contains("service=git-upload-pack")) {
                advertise(ex, "git-upload-pack", out -> newUploadPack(repo).sendAdvertisedRefs(out));
            } else if (path.endsWith("/git-receive-pack") && ex.getRequestMethod().equals("POST")) {
                awaitGate();
                ex.getResponseHeaders().set("Content-Type", "application/x-git-receive-pack-result");
                ex.sendResponseHeaders(200, 0);
                newReceivePack(repo).receive(body(ex), ex.getResponseBody(), null);
                pushes.incrementAndGet();
            } else if (path.endsWith("/git-upload-pack") && ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
                ex.sendResponseHeaders(200, 0);
                newUploadPack(repo).upload(body(ex), ex.getResponseBody(), null);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private interface Advertisement {
        void write(RefAdvertiser out) throws IOException;
    }

    private static void advertise(HttpExchange ex, String service, Advertisement ad) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-" + service + "-advertisement");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream body = ex.getResponseBody();
        PacketLineOut pkt = new PacketLineOut(body);
        pkt.writeString("# service=" + service + "\n");
        pkt.end();
        ad.write(new RefAdvertiser.PacketLineOutRefAdvertiser(pkt));
        body.flush();
    }

    private static ReceivePack newReceivePack(Repository repo) {
        ReceivePack rp = new ReceivePack(repo);
        rp.setBiDirectionalPipe(false);
        return rp;
    }

    private static UploadPack newUploadPack(Repository repo) {
        UploadPack up = new UploadPack(repo);
        up.setBiDirectionalPipe(false);
        return up;
    }

    private static InputStream body(HttpExchange ex) throws IOException {
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(enc) ? new GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody();
    }

    private void awaitGate() throws IOException {
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the held push");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
