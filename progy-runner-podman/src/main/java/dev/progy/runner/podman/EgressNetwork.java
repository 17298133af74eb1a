package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.ProgyException;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The only way out of a container whose runner lists the hosts it may reach: a network of its own, internal (no
 * route beyond it) and without DNS, whose gateway address — the host's side of its bridge — is where an
 * {@link EgressProxy} of this JVM serves it. Podman gives an internal network's bridge an address only when the
 * network names its gateway, and only once a container starts on it: the network is made with the subnet Podman
 * picks and its first address as gateway, and the proxy listens on every address but serves only connections made
 * to the gateway. Needs a rootful service on this machine (a rootless one keeps its networks out of the host's
 * reach). {@link #close()} stops the proxy and removes the network.
 */
final class EgressNetwork implements AutoCloseable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LibpodClient podman;
    private final String name;
    private final InetAddress gateway;
    private final EgressProxy proxy;

    private EgressNetwork(LibpodClient podman, String name, InetAddress gateway, EgressProxy proxy) {
        this.podman = podman;
        this.name = name;
        this.gateway = gateway;
        this.proxy = proxy;
    }

    /** Creates the run's network and starts its proxy. */
    static EgressNetwork open(LibpodClient podman, boolean rootless, SandboxPolicy policy, EgressRules rules) {
        if (rootless) {
            throw new ProgyException("this course's runner limits its code to named hosts, which needs a rootful "
                    + "Podman service; the one at " + podman.address().uri() + " is rootless",
                    "use Docker (--engine docker) or a rootful Podman service for this course");
        }
        String name = policy.containerName() + "-egress";
        String subnet;
        try {
            JsonNode probe = podman.answer("POST", "/networks/create", spec(name, policy, null, null));
            subnet = probe.path("subnets").path(0).path("subnet").asText("");
            remove(podman, name);
            if (!subnet.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                throw new ProgyException("Podman gave the run's network no IPv4 subnet (" + subnet + ")",
                        "check the Podman service's default subnet pools");
            }
            InetAddress gateway = firstHost(subnet);
            podman.answer("POST", "/networks/create", spec(name, policy, subnet, gateway.getHostAddress()));
            try {
                EgressProxy proxy = EgressProxy.start(new InetSocketAddress(0), gateway, rules,
                        EgressProxy.Resolver.SYSTEM, attempt -> { }, Clock.systemUTC());
                return new EgressNetwork(podman, name, gateway, proxy);
            } catch (IOException e) {
                remove(podman, name);
                throw new ProgyException("could not start the proxy to the course's allowed hosts: " + e.getMessage(),
                        "run it again");
            }
        } catch (LibpodException e) {
            remove(podman, name);
            throw PodmanEngineCalls.failure(e, podman.address(), "create the run's network for its allowed hosts");
        }
    }

    private static ObjectNode spec(String name, SandboxPolicy policy, String subnet, String gateway) {
        ObjectNode spec = NODES.objectNode();
        spec.put("name", name);
        spec.put("driver", "bridge");
        spec.put("internal", true);
        spec.put("dns_enabled", false);
        ObjectNode labels = spec.putObject("labels");
        policy.labels().forEach(labels::put);
        if (subnet != null) {
            spec.putArray("subnets").addObject().put("subnet", subnet).put("gateway", gateway);
        }
        return spec;
    }

    private static InetAddress firstHost(String subnet) {
        try {
            byte[] address = InetAddress.getByName(subnet.substring(0, subnet.indexOf('/'))).getAddress();
            address[3] = (byte) (address[3] + 1);
            return InetAddress.getByAddress(address);
        } catch (IOException e) {
            throw new ProgyException("Podman gave the run's network a subnet that is not an address: " + subnet,
                    "check the Podman service's default subnet pools");
        }
    }

    /** Makes the container spec join this network instead of having none. */
    ObjectNode join(ObjectNode spec) {
        spec.remove("netns");
        spec.putObject("netns").put("nsmode", "bridge");
        spec.putObject("networks").putObject(name);
        return spec;
    }

    /** The proxy's URL, e.g. {@code http://10.89.0.1:41234}. */
    String proxyUrl() {
        return "http://" + gateway.getHostAddress() + ":" + proxy.address().getPort();
    }

    /** Every attempt so far, a line each ({@link EgressProxy#report()}). */
    String report() {
        return proxy.report();
    }

    @Override
    public void close() {
        proxy.close();
        remove(podman, name);
    }

    private static void remove(LibpodClient podman, String name) {
        try {
            podman.status("DELETE", "/networks/" + name + "?force=true", null, "remove the run's network", 404);
        } catch (RuntimeException e) {
            // the service went away: progy gc finds the network by its labels
        }
    }
}
