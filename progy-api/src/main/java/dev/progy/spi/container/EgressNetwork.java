package dev.progy.spi.container;

import dev.progy.error.ProgyException;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;
import dev.progy.spi.support.protocol.RawRun;
import dev.progy.spi.support.sandbox.SandboxPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The only way out of a container whose runner lists the hosts it may reach: a network of its own, internal (no
 * route beyond it), on which the only other party is an {@link EgressProxy} of this JVM serving the network's
 * gateway address, the host's side of its bridge. The container finds the proxy in {@code HTTP_PROXY}/
 * {@code HTTPS_PROXY}; the proxy lets through only what the {@link EgressRules} allow and hears every attempt, and
 * the run's output ends with what it heard. Needs the engine on this machine (the gateway is one of its addresses).
 * The order is the same on every engine: make the network, learn its gateway, start the proxy there, run; then stop
 * the proxy and remove the network, also when a step fails. How to make the network is the engine's
 * ({@link Calls}).
 */
public final class EgressNetwork implements AutoCloseable {

    /** The engine's side of a run's way out. */
    public interface Calls {

        /**
         * Makes the internal network {@code name}, carrying {@code labels}, and returns the gateway address the
         * proxy serves it on.
         *
         * @throws ProgyException when the engine refuses, in the engine's words
         */
        InetAddress createEgressNetwork(String name, Map<String, String> labels) throws IOException;

        /** Starts the proxy that serves the network's {@code gateway}. */
        EgressProxy serveEgress(InetAddress gateway, EgressRules rules) throws IOException;

        /** Removes the network {@code name}; quietly, as progy gc finds a network left by its labels. */
        void removeEgressNetwork(String name);

        /** The error when the way out could not be opened, for {@code e} that is not the engine's refusal. */
        ProgyException egressFailed(Exception e);
    }

    private final Calls calls;
    private final String name;
    private final InetAddress gateway;
    private final EgressProxy proxy;

    private EgressNetwork(Calls calls, String name, InetAddress gateway, EgressProxy proxy) {
        this.calls = calls;
        this.name = name;
        this.gateway = gateway;
        this.proxy = proxy;
    }

    /**
     * Runs {@code run} with the run's way out open, and appends to its output (and to {@code onText}) what the
     * proxy heard.
     */
    public static RawRun around(Calls calls, SandboxPolicy policy, Consumer<String> onText,
                                Function<EgressNetwork, RawRun> run) {
        try (EgressNetwork egress = open(calls, policy)) {
            RawRun raw = run.apply(egress);
            String report = egress.proxy.report();
            if (!report.isEmpty()) {
                onText.accept(raw.output().isEmpty() || raw.output().endsWith("\n") ? report : "\n" + report);
            }
            return raw.withOutputAppended(report);
        }
    }

    /** Creates the run's network and starts its proxy. */
    static EgressNetwork open(Calls calls, SandboxPolicy policy) {
        String name = policy.containerName() + "-egress";
        try {
            InetAddress gateway = calls.createEgressNetwork(name, policy.labels());
            EgressProxy proxy = calls.serveEgress(gateway, policy.egress().orElseThrow());
            return new EgressNetwork(calls, name, gateway, proxy);
        } catch (IOException | RuntimeException e) {
            calls.removeEgressNetwork(name);
            if (e instanceof ProgyException p) {
                throw p;
            }
            throw calls.egressFailed(e);
        }
    }

    /** The network's name, for the container to join. */
    public String name() {
        return name;
    }

    /** The proxy's URL, e.g. {@code http://172.18.0.1:41234}. */
    public String proxyUrl() {
        return "http://" + gateway.getHostAddress() + ":" + proxy.address().getPort();
    }

    @Override
    public void close() {
        proxy.close();
        calls.removeEgressNetwork(name);
    }
}
