package dev.progy.guard.markdown;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;
import dev.progy.guard.markdown.LinkProbe.Outcome;
import dev.progy.guard.markdown.LinkProbe.State;
import dev.progy.guard.markdown.MarkdownChecks.ExternalLink;

import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The external-link rules (PG-M004, PG-M005), run only on request ({@code progy guard --check-external}) since
 * they need the network: every http(s) link and image of the course's Markdown is asked whether it is there.
 * Each distinct URL (its fragment ignored) is asked once per run, a few at a time, however many files use it;
 * each use of a broken one is a finding where it is written. URLs that answered well lately are not asked again
 * ({@link ReachableLinks}).
 */
public final class ExternalLinks {

    /** How long a server has to connect and to answer, unless told otherwise. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** URLs asked at once: enough to check a course's links in seconds, few enough not to look like a flood. */
    static final int CONCURRENCY = 8;

    /**
     * A name that exists as long as DNS works (RFC 2606 reserves it; IANA keeps it resolving). When DNS does not
     * know it either, the machine is offline or its resolver is down, and "no such host" proves nothing.
     */
    static final String CONTROL_HOST = "example.com";

    private final LinkProbe probe;
    private final HostLookup hosts;
    private final ReachableLinks remembered;

    /**
     * @param timeout    for connecting and for the answer, each request
     * @param hosts      what DNS knows ({@link HostLookup#SYSTEM} outside tests)
     * @param proxies    the proxies to go through ({@link ProxySelector#getDefault()} honours {@code -Dhttp.proxyHost})
     * @param remembered good answers kept across runs ({@link ReachableLinks#NONE} to ask every time)
     */
    ExternalLinks(Duration timeout, HostLookup hosts, ProxySelector proxies, ReachableLinks remembered) {
        this.probe = new LinkProbe(timeout, hosts, proxies);
        this.hosts = hosts;
        this.remembered = remembered;
    }

    /**
     * Checks the external links of the course folder {@code root}, with the system's DNS and proxies and good
     * answers remembered for a day in the user's cache folder.
     */
    public static List<Finding> check(Path root, Duration timeout) {
        return new ExternalLinks(timeout, HostLookup.SYSTEM, ProxySelector.getDefault(), ReachableLinks.inUserCacheDir())
                .check(root);
    }

    /** The findings about the external links of the course folder {@code root}, in file and line order. */
    List<Finding> check(Path root) {
        List<ExternalLink> links = MarkdownChecks.externalLinks(root);
        Map<String, Outcome> outcomes = outcomes(links.stream().map(l -> withoutFragment(l.url())).distinct().toList());
        List<Finding> out = new ArrayList<>();
        for (ExternalLink link : links) {
            Outcome o = outcomes.get(withoutFragment(link.url()));
            if (o.state() == State.BROKEN || o.state() == State.NO_SUCH_HOST) {
                out.add(new Finding(GuardRules.EXTERNAL_LINK_BROKEN, link.file(), link.line(), "the link to " + link.url()
                        + " is broken: " + o.reason(), "fix the address, link to where the page went, or remove the link"));
            } else if (o.state() == State.UNREACHABLE) {
                out.add(new Finding(GuardRules.EXTERNAL_LINK_UNREACHABLE, link.file(), link.line(), "the link to "
                        + link.url() + " could not be checked: " + o.reason(), "open it in a browser later; if it stays "
                        + "down, link elsewhere, or silence it with <!-- progy-guard: allow PG-M005 -- why -->"));
            }
        }
        return out;
    }

    /** Each URL's outcome: remembered ones without asking, the rest asked {@value #CONCURRENCY} at a time. */
    private Map<String, Outcome> outcomes(List<String> urls) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> {
            Thread t = new Thread(r, "progy-guard-links");
            t.setDaemon(true); // an answer that never comes must not keep the JVM alive
            return t;
        });
        try {
            for (String url : urls) {
                if (remembered.recentlyReachable(url)) {
                    out.put(url, new Outcome(State.OK, "answered well within the last day"));
                } else {
                    pending.put(url, CompletableFuture.supplyAsync(() -> probe(url), pool));
                }
            }
            // every probe ends by itself: each request is bounded by the timeout, each lookup by the resolver's own
            pending.forEach((url, future) -> out.put(url, future.join()));
        } finally {
            pool.shutdownNow();
        }
        offlineDns(out);
        remembered.remember(pending.keySet().stream().filter(u -> out.get(u).state() == State.OK).toList());
        return out;
    }

    private Outcome probe(String url) {
        try {
            // browsers send a space in a link as %20; Markdown lets authors write it in <…>
            return probe.probe(new URI(url.replace(" ", "%20")));
        } catch (URISyntaxException e) {
            return new Outcome(State.BROKEN, "it is not a valid URL (" + e.getReason() + ")");
        } catch (RuntimeException e) {
            // one odd URL must not sink the whole report: it is shown, unchecked
            return new Outcome(State.UNREACHABLE, "the check failed (" + e + ")");
        }
    }

    /** "No such host" counts only when DNS knows the control name: offline, every name is unknown. */
    private void offlineDns(Map<String, Outcome> outcomes) {
        if (outcomes.values().stream().anyMatch(o -> o.state() == State.NO_SUCH_HOST) && !hosts.exists(CONTROL_HOST)) {
            outcomes.replaceAll((url, o) -> o.state() != State.NO_SUCH_HOST ? o : new Outcome(State.UNREACHABLE,
                    o.reason() + ", but DNS does not know " + CONTROL_HOST + " either: this machine looks offline"));
        }
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash >= 0 ? url.substring(0, hash) : url;
    }
}
