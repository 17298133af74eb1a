package dev.progy.guard.markdown;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Asks one external URL whether it is there: its host in DNS first, then HEAD, then GET when HEAD gives anything
 * but a plain yes, following redirects. Only the status line and headers are read; a GET's body is closed unread.
 * One probe serves many threads (java.net.http's client is thread-safe).
 */
final class LinkProbe {

    /** What a URL's answer means for a course. */
    enum State {
        /** Reachable: a page is there (perhaps behind a login). */
        OK,
        /** The server says the page does not exist (404, 410) or the URL cannot be fetched as written. */
        BROKEN,
        /** DNS says the host does not exist: broken, unless DNS turns out to know nothing at all. */
        NO_SUCH_HOST,
        /** No useful answer now (timeout, refused, 429, 5xx): may be back later. */
        UNREACHABLE
    }

    /** A URL's state and, for the author, why (e.g. {@code HTTP 404 (not found)}). */
    record Outcome(State state, String reason) { }

    static final String USER_AGENT = "progy-guard";

    private static final Map<Integer, String> REASONS = Map.of(404, "not found", 410, "gone", 429, "too many requests",
            500, "server error", 502, "bad gateway", 503, "service unavailable", 504, "gateway timeout", 408, "request timeout");

    private final HttpClient client;
    private final Duration timeout;
    private final HostLookup hosts;

    LinkProbe(Duration timeout, HostLookup hosts, ProxySelector proxies) {
        this.timeout = timeout;
        this.hosts = hosts;
        // HTTP/1.1: java.net.http's default HTTP/2 sends an h2c upgrade on plain http, which some servers answer
        // with an error of their own; a link check gains nothing from HTTP/2
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).proxy(proxies).build();
    }

    /** What {@code uri} (without its fragment) answers now. */
    Outcome probe(URI uri) {
        String host = uri.getHost();
        if (host == null || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return new Outcome(State.BROKEN, "it is not a valid http(s) URL");
        }
        if (!isAddress(host) && !hosts.exists(host)) {
            return new Outcome(State.NO_SUCH_HOST, "there is no host " + host + " (DNS does not know the name)");
        }
        try {
            int status = send(uri, "HEAD");
            // HEAD is a shortcut many servers get wrong (405, 501, 403, 400, even 404 from some frameworks); an
            // error fails the course, so anything but a yes is asked again the way a browser asks. Not after 429:
            // asking again at once only deepens a rate limit.
            if (status >= 300 && status != 429) {
                status = send(uri, "GET");
            }
            return classify(status);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(State.UNREACHABLE, "no connection within " + human(timeout));
        } catch (HttpTimeoutException e) {
            return new Outcome(State.UNREACHABLE, "no answer within " + human(timeout));
        } catch (ConnectException e) {
            return new Outcome(State.UNREACHABLE, "the connection was refused or failed" + detail(e));
        } catch (IOException e) {
            return new Outcome(State.UNREACHABLE, "the connection failed" + detail(e));
        } catch (IllegalArgumentException e) {
            return new Outcome(State.BROKEN, "it is not a valid http(s) URL (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(State.UNREACHABLE, "the check was interrupted");
        }
    }

    private int send(URI uri, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timeout).header("User-Agent", USER_AGENT).build();
        if (method.equals("HEAD")) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close(); // the status is the answer; closing unread drops the connection, not the page
        return response.statusCode();
    }

    /**
     * The meaning of a final status (after redirects). 401, 403 and the other 4xx count as reachable: a page behind
     * a login exists, and servers often refuse robots what they show a student's browser, so an error or even a
     * warning there would mostly be noise an author cannot fix.
     */
    static Outcome classify(int status) {
        String reason = "HTTP " + status + (REASONS.containsKey(status) ? " (" + REASONS.get(status) + ")" : "");
        if (status == 404 || status == 410) {
            return new Outcome(State.BROKEN, "it answers " + reason);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Outcome(State.UNREACHABLE, "it answers " + reason);
        }
        if (status >= 300 && status < 400) {
            // java.net.http hands back the last redirect when it stops following (a loop, too many hops, no Location)
            return new Outcome(State.UNREACHABLE, "it answers " + reason + " and the redirects lead nowhere");
        }
        return new Outcome(State.OK, reason);
    }

    /** An IPv4 or IPv6 literal: nothing to look up. */
    private static boolean isAddress(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String detail(IOException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? " (" + t.getClass().getSimpleName() + ")" : " (" + t.getMessage() + ")";
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
