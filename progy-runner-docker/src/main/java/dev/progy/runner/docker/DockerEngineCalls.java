package dev.progy.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.progy.error.ProgyException;
import dev.progy.spi.Leftover;
import dev.progy.spi.container.BuildLog;
import dev.progy.spi.container.ContainerEngine;
import dev.progy.error.RunnerUnavailableException;
import dev.progy.spi.container.EgressNetwork;
import dev.progy.spi.container.EngineFailures;
import dev.progy.spi.support.network.EgressProxy;
import dev.progy.spi.support.network.EgressRules;
import dev.progy.spi.container.EngineLocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The Docker Engine's calls behind the engine-neutral rules of {@code dev.progy.spi.container}. */
final class DockerEngineCalls implements ContainerEngine, EgressNetwork.Calls {

    static final EngineWords WORDS = new EngineWords(DockerEngineAdmin.ENGINE, "the Docker Engine", "docker",
            DockerRunnerConfig.BUILD_TIMEOUT_KEY);
    static final EngineFailures FAILURES = new EngineFailures(WORDS, "Docker Engine socket",
            "see the engine's log (e.g. journalctl -u docker)", "add your user to the socket's group (e.g. sudo usermod"
            + " -aG docker $USER, then log in again), or set DOCKER_HOST to an engine you may use",
            DockerAddress.FIX_HINT);

    private final Supplier<DockerClient> client;
    private final DockerHttpClient http;
    private final EngineLocation address;

    DockerEngineCalls(DockerClient docker, EngineLocation address) {
        this(() -> docker, LightCalls.transport(docker), address);
    }

    /**
     * Calls that ask the engine directly over {@code http} where they can ({@link LightCalls}) and make docker-java's
     * client ({@code client}) only when a call needs it: making it sets up Jackson's {@code ObjectMapper}.
     */
    DockerEngineCalls(Supplier<DockerClient> client, DockerHttpClient http, EngineLocation address) {
        this.client = client;
        this.http = http;
        this.address = address;
    }

    private DockerClient docker() {
        return client.get();
    }

    /**
     * Turns what docker-java throws into Progy's own error: the engine at {@code address} could not {@code action}
     * (e.g. "create the exercise's container").
     */
    static RunnerUnavailableException failure(RuntimeException e, EngineLocation address, String action) {
        if (e instanceof DockerException answered) {
            return FAILURES.answered(address, action, answered.getMessage());
        }
        String why = EngineFailures.causes(e);
        return FAILURES.denied(address, why)
                .orElseGet(() -> FAILURES.looked(FAILURES.notRunning(address, why), address));
    }

    @Override
    public EngineWords words() {
        return WORDS;
    }

    @Override
    public boolean imageExists(String tag) {
        try {
            java.util.Optional<Boolean> known = LightCalls.imageExists(http, tag);
            if (known.isPresent()) {
                return known.get();
            }
            docker().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "look up the course's image " + tag);
        }
    }

    @Override
    public boolean buildImage(ImageBuild build, BuildLog log) {
        Path tar = null;
        Stream stream = new Stream(log);
        try {
            tar = Files.createTempFile("progy-build-", ".tar");
            try (OutputStream out = Files.newOutputStream(tar)) {
                build.context().writeTar(out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                try {
                    BuildImageCmd cmd = docker().buildImageCmd().withTarInputStream(in)
                            .withDockerfilePath(build.dockerfile()).withTags(Set.of(build.tag())).withPull(false)
                            .withRemove(true).withForcerm(true).withLabels(build.labels());
                    build.args().forEach(cmd::withBuildArg);
                    build.target().ifPresent(cmd::withTarget);
                    cmd.exec(stream);
                } catch (DockerException answered) {
                    log.failed(answered.getMessage());
                } catch (RuntimeException e) {
                    throw DockerEngineCalls.failure(e, address, "build the course's image " + build.tag());
                }
                if (!stream.awaitCompletion(build.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    stream.close(); // ends the request: the engine stops the build
                    return false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the course folder for the image build", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(stream);
            throw new ProgyException("building the course's image was interrupted", "run again");
        } finally {
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // a temp file; the OS clears it
                }
            }
        }
        if (stream.engineFailure != null) {
            throw DockerEngineCalls.failure(stream.engineFailure, address, "build the course's image " + build.tag());
        }
        return true;
    }

    @Override
    public List<Labelled> labelled(String key, String value) {
        List<Labelled> found = new ArrayList<>();
        try {
            for (Container c : docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec()) {
                found.add(new Labelled(Leftover.Kind.CONTAINER, c.getId(),
                        c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                        labels(c.getLabels()), c.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(c.getCreated())));
            }
            for (Network n : docker().listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec()) {
                found.add(new Labelled(Leftover.Kind.NETWORK, n.getId(), n.getName(), labels(n.getLabels()),
                        n.getCreated() == null ? Instant.EPOCH : n.getCreated().toInstant()));
            }
            List<InspectVolumeResponse> volumes = docker().listVolumesCmd().withFilter("label", List.of(key + "=" + value))
                    .exec().getVolumes();
            for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
                found.add(new Labelled(Leftover.Kind.VOLUME, v.getName(), v.getName(), labels(v.getLabels()),
                        Instant.EPOCH));
            }
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "list what carries the label " + key + "=" + value);
        }
        // a filter answers what carries the label; checked again, as an engine may ignore a filter it does not know
        found.removeIf(t -> !value.equals(t.labels().get(key)));
        return found;
    }

    @Override
    public List<LabelledImage> labelledImages(String key, String value) {
        List<LabelledImage> found = new ArrayList<>();
        try {
            for (Image image : docker().listImagesCmd().withLabelFilter(Map.of(key, value)).exec()) {
                List<String> tags = image.getRepoTags() == null ? List.of() : Arrays.asList(image.getRepoTags());
                found.add(new LabelledImage(image.getId(), tags, labels(image.getLabels()), created(image)));
            }
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "list the images labelled " + key + "=" + value);
        }
        return found;
    }

    @Override
    public boolean remove(Leftover.Kind kind, String idOrName) {
        try {
            switch (kind) {
                case CONTAINER -> ContainerRun.remove(docker(), idOrName);
                case NETWORK -> docker().removeNetworkCmd(idOrName).exec();
                case VOLUME -> docker().removeVolumeCmd(idOrName).exec();
                case IMAGE -> docker().removeImageCmd(idOrName).withForce(false).exec();
                default -> {
                    return false; // Docker has no pods, and its exec sessions go with their containers
                }
            }
            return true;
        } catch (NotFoundException alreadyGone) {
            return true;
        } catch (DockerException refused) {
            throw new Refused(refused.getMessage(), refused);
        } catch (RuntimeException e) {
            throw DockerEngineCalls.failure(e, address, "remove the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " "
                    + idOrName);
        }
    }

    /** When the image was built, to the nanosecond (the list gives whole seconds, too coarse for two quick builds). */
    private Instant created(Image image) {
        try {
            return Instant.parse(docker().inspectImageCmd(image.getId()).exec().getCreated());
        } catch (NotFoundException | DateTimeParseException | NullPointerException e) {
            return image.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(image.getCreated());
        }
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static void closeQuietly(Stream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the build is abandoned either way
        }
    }

    /** The build's answer as it streams, into the build log. */
    private static final class Stream extends BuildImageResultCallback {
        private final BuildLog log;
        private volatile RuntimeException engineFailure;

        Stream(BuildLog log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                log.text(item.getStream());
            }
            if (item.isErrorIndicated()) {
                log.failed(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (throwable instanceof DockerException answered) {
                log.failed(answered.getMessage());
            } else {
                engineFailure = throwable instanceof RuntimeException r ? r : new IllegalStateException(throwable);
            }
            // not super.onError: it keeps the error for awaitCompletion to throw as it is, past our typed errors
            closeQuietly(this);
        }
    }

    @Override
    public InetAddress createEgressNetwork(String name, Map<String, String> labels) throws IOException {
        String id;
        try {
            id = docker().createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
                    .withCheckDuplicate(true).withLabels(labels).exec().getId();
        } catch (RuntimeException e) {
            throw failure(e, address, "create the run's network for its allowed hosts");
        }
        Network network = docker().inspectNetworkCmd().withNetworkId(id).exec();
        List<Network.Ipam.Config> configs = network.getIpam() == null ? List.of() : network.getIpam().getConfig();
        String gateway = configs.stream().map(Network.Ipam.Config::getGateway).filter(g -> g != null && !g.isBlank())
                .filter(g -> !g.contains(":")).findFirst()
                .orElseThrow(() -> new ProgyException("the run's network has no gateway address",
                        "check the Docker Engine's default address pools"));
        return InetAddress.getByName(gateway);
    }

    @Override
    public EgressProxy serveEgress(InetAddress gateway, EgressRules rules) throws IOException {
        return EgressProxy.start(new InetSocketAddress(gateway, 0), rules, EgressProxy.Resolver.SYSTEM, attempt -> { },
                Clock.systemUTC());
    }

    @Override
    public void removeEgressNetwork(String name) {
        try {
            docker().removeNetworkCmd(name).exec();
        } catch (NotFoundException gone) {
            // removed by someone else, e.g. progy gc
        } catch (RuntimeException e) {
            // still in use for a moment, or the engine went away: progy gc finds it by its labels
        }
    }

    @Override
    public ProgyException egressFailed(Exception e) {
        return new ProgyException("could not open the way out to the course's allowed hosts on the Docker Engine"
                + " at " + address.uri() + ": " + e.getMessage(), "allowed hosts need the engine on this machine;"
                + " run the course there, or use the host runner");
    }
}
