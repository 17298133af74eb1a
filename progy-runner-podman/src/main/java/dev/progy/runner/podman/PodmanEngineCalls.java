package dev.progy.runner.podman;

import dev.progy.spi.container.UnixSocketHttp;
import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.spi.Leftover;
import dev.progy.spi.container.BuildLog;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.spi.container.EgressNetwork;
import dev.progy.spi.container.EngineFailures;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.container.EngineLocation;
import dev.progy.error.RunnerUnavailableException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The Podman service's calls behind the engine-neutral rules of {@code dev.progy.spi.container}. */
final class PodmanEngineCalls implements ContainerEngine, EgressNetwork.Calls {

    static final EngineWords WORDS = new EngineWords(PodmanEngineAdmin.ENGINE, "the Podman service", "podman",
            PodmanRunnerConfig.BUILD_TIMEOUT_KEY);
    static final EngineFailures FAILURES = new EngineFailures(WORDS, "Podman socket",
            "see the service's log (journalctl --user -u podman, or the output of podman system service)",
            "use your own user's (rootless) Podman service (systemctl --user start podman.socket and"
                    + " CONTAINER_HOST=unix://$XDG_RUNTIME_DIR/podman/podman.sock), or get access to this"
                    + " socket from its owner",
            PodmanAddress.FIX_HINT);

    private final LibpodClient podman;

    PodmanEngineCalls(LibpodClient podman) {
        this.podman = podman;
    }

    /** The service at {@code address} answered {@code e} when asked to {@code action}. */
    static RunnerUnavailableException failure(LibpodException e, EngineLocation address, String action) {
        return FAILURES.answered(address, action, e.reason());
    }

    @Override
    public EngineWords words() {
        return WORDS;
    }

    @Override
    public boolean imageExists(String tag) {
        try {
            return podman.imageExists(tag);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "look up the course's image " + tag);
        }
    }

    @Override
    public boolean buildImage(ImageBuild build, BuildLog log) {
        try (UnixSocketHttp.Exchange x = build.args().isEmpty() && build.target().isEmpty()
                ? podman.build(build.tag(), build.dockerfile(), build.labels(), build.context()::writeTar,
                        build.timeout())
                : podman.build(build.tag(), build.dockerfile(), build.labels(), build.args(), build.target(),
                        build.context()::writeTar, build.timeout())) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(x.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    message(line, log);
                }
                return true;
            } catch (IOException e) {
                if (!x.expired()) {
                    throw podman.unreachable(e);
                }
                // the closed connection ends the build: Podman drops it once its current step is over
                return false;
            }
        } catch (UnixSocketHttp.DeadlinePassed e) {
            return false;
        } catch (LibpodException e) {
            log.failed(e.reason());
            return true;
        }
    }

    /** One JSON line of the build's answer: {@code {"stream": text}} or {@code {"error": message}}. */
    private static void message(String json, BuildLog log) {
        if (json.isBlank()) {
            return;
        }
        JsonNode m;
        try {
            m = LibpodJson.read(json);
        } catch (IOException notJson) {
            log.text(json + "\n");
            return;
        }
        if (m.hasNonNull("stream")) {
            log.text(m.get("stream").asText());
        }
        if (m.hasNonNull("error") && !m.get("error").asText().isBlank()) {
            log.failed(m.get("error").asText());
        }
    }

    @Override
    public List<Labelled> labelled(String key, String value) {
        try {
            return new LibpodAdmin(podman).labelled(key, value);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "list what carries the label " + key + "=" + value);
        }
    }

    @Override
    public List<LabelledImage> labelledImages(String key, String value) {
        try {
            return new LibpodAdmin(podman).images(key, value);
        } catch (LibpodException e) {
            throw PodmanEngineCalls.failure(e, podman.address(), "list the images labelled " + key + "=" + value);
        }
    }

    @Override
    public boolean remove(Leftover.Kind kind, String idOrName) {
        try {
            return new LibpodAdmin(podman).remove(kind, idOrName, true);
        } catch (LibpodException refused) {
            // 409 or 500 while a container is being removed, or a volume still held by one going away
            throw new Refused(refused.reason(), refused);
        }
    }

    /**
     * Podman gives an internal network's bridge an address only when the network names its gateway, and only once
     * a container starts on it: the network is made with the subnet Podman picks and its first address as gateway,
     * without DNS.
     */
    @Override
    public InetAddress createEgressNetwork(String name, Map<String, String> labels) {
        try {
            JsonNode probe = podman.answer("POST", "/networks/create", networkSpec(name, labels, null, null));
            String subnet = probe.path("subnets").path(0).path("subnet").asText("");
            removeEgressNetwork(name);
            if (!subnet.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                throw new ProgyException("Podman gave the run's network no IPv4 subnet (" + subnet + ")",
                        "check the Podman service's default subnet pools");
            }
            InetAddress gateway = firstHost(subnet);
            podman.answer("POST", "/networks/create", networkSpec(name, labels, subnet, gateway.getHostAddress()));
            return gateway;
        } catch (LibpodException e) {
            throw failure(e, podman.address(), "create the run's network for its allowed hosts");
        }
    }

    private static ObjectNode networkSpec(String name, Map<String, String> labels, String subnet, String gateway) {
        ObjectNode spec = LibpodJson.object();
        spec.put("name", name);
        spec.put("driver", "bridge");
        spec.put("internal", true);
        spec.put("dns_enabled", false);
        ObjectNode labelled = spec.putObject("labels");
        labels.forEach(labelled::put);
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

    /** The gateway gets its address only once a container starts: the proxy listens on every address. */
    @Override
    public EgressProxy serveEgress(InetAddress gateway, EgressRules rules) throws IOException {
        return EgressProxy.start(new InetSocketAddress(0), gateway, rules, EgressProxy.Resolver.SYSTEM, attempt -> { },
                Clock.systemUTC());
    }

    @Override
    public void removeEgressNetwork(String name) {
        try {
            podman.status("DELETE", "/networks/" + name + "?force=true", null, "remove the run's network", 404);
        } catch (RuntimeException e) {
            // the service went away: progy gc finds the network by its labels
        }
    }

    @Override
    public ProgyException egressFailed(Exception e) {
        return new ProgyException("could not start the proxy to the course's allowed hosts: " + e.getMessage(),
                "run it again");
    }
}
