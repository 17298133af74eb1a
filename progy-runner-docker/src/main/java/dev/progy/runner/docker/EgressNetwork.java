package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.progy.ProgyException;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * The only way out of a container whose runner lists the hosts it may reach: a network of its own, internal (no
 * route beyond it, and the engine's DNS answers no outside name on it), on which the only other party is an
 * {@link EgressProxy} of this JVM listening on the network's gateway address, the host's side of its bridge. The
 * container finds the proxy in {@code HTTP_PROXY}/{@code HTTPS_PROXY}; the proxy lets through only what the
 * {@link EgressRules} allow and hears every attempt. Needs the engine on this machine (the gateway is one of its
 * addresses). {@link #close()} stops the proxy and removes the network.
 */
final class EgressNetwork implements AutoCloseable {

    private final DockerClient docker;
    private final EngineLocation address;
    private final String id;
    private final String name;
    private final EgressProxy proxy;

    private EgressNetwork(DockerClient docker, EngineLocation address, String id, String name, EgressProxy proxy) {
        this.docker = docker;
        this.address = address;
        this.id = id;
        this.name = name;
        this.proxy = proxy;
    }

    /** Creates the run's network and starts its proxy; every attempt is also added to {@code attempts}. */
    static EgressNetwork open(DockerClient docker, EngineLocation address, SandboxPolicy policy, EgressRules rules) {
        String name = policy.containerName() + "-egress";
        String id;
        try {
            id = docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                    .withCheckDuplicate(true).withLabels(policy.labels()).exec().getId();
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "create the run's network for its allowed hosts");
        }
        try {
            String gateway = gateway(docker.inspectNetworkCmd().withNetworkId(id).exec());
            EgressProxy proxy = EgressProxy.start(new InetSocketAddress(InetAddress.getByName(gateway), 0), rules,
                    EgressProxy.Resolver.SYSTEM, attempt -> { }, Clock.systemUTC());
            return new EgressNetwork(docker, address, id, name, proxy);
        } catch (IOException | RuntimeException e) {
            remove(docker, id);
            if (e instanceof ProgyException p) {
                throw p;
            }
            throw new ProgyException("could not open the way out to the course's allowed hosts on the Docker Engine"
                    + " at " + address.uri() + ": " + e.getMessage(), "allowed hosts need the engine on this machine;"
                    + " run the course there, or use the host runner");
        }
    }

    private static String gateway(Network network) {
        List<Network.Ipam.Config> configs = network.getIpam() == null ? List.of() : network.getIpam().getConfig();
        return configs.stream().map(Network.Ipam.Config::getGateway).filter(g -> g != null && !g.isBlank())
                .filter(g -> !g.contains(":")).findFirst()
                .orElseThrow(() -> new ProgyException("the run's network has no gateway address",
                        "check the Docker Engine's default address pools"));
    }

    /** The network's name, for the container to join. */
    String name() {
        return name;
    }

    /** The proxy's URL, e.g. {@code http://172.18.0.1:41234}. */
    String proxyUrl() {
        return "http://" + proxy.address().getAddress().getHostAddress() + ":" + proxy.address().getPort();
    }

    /** Every attempt so far, a line each ({@link EgressProxy#report()}). */
    String report() {
        return proxy.report();
    }

    @Override
    public void close() {
        proxy.close();
        remove(docker, id);
    }

    private static void remove(DockerClient docker, String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (NotFoundException gone) {
            // removed by someone else, e.g. progy gc
        } catch (RuntimeException e) {
            // still in use for a moment, or the engine went away: progy gc finds it by its labels
        }
    }
}
