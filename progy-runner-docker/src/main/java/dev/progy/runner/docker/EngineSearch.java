package dev.progy.runner.docker;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker Engine may listen, in the order Progy looks: the {@value DockerRunnerConfig#HOST_KEY} setting,
 * {@code DOCKER_HOST}, then the first of these sockets that exists — the system's engine
 * ({@value DockerRunnerConfig#DEFAULT_HOST}), rootless Docker ({@code $XDG_RUNTIME_DIR/docker.sock}), Docker
 * Desktop ({@code ~/.docker/run/docker.sock}), Colima ({@code ~/.colima/default/docker.sock}) — else the system's
 * socket. Every place is looked at, even past the one chosen, so that {@code progy doctor} and an engine that
 * does not answer can say what else is there.
 */
final class EngineSearch {

    /** The system engine's socket. */
    static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");
    private static final String A_SOCKET = "a socket";

    private EngineSearch() { }

    /** The address the runner uses with {@code config}, in this process's environment and home folder. */
    static EngineAddress of(DockerRunnerConfig config) {
        return search(config.find(DockerRunnerConfig.HOST_KEY), System.getenv(),
                Path.of(System.getProperty("user.home")), SYSTEM_SOCKET);
    }

    /**
     * The address to use, with every place looked at.
     *
     * @param setting      the {@value DockerRunnerConfig#HOST_KEY} setting, if set
     * @param env          the environment ({@code DOCKER_HOST}, {@code XDG_RUNTIME_DIR})
     * @param home         the user's home folder
     * @param systemSocket the system engine's socket, normally {@link #SYSTEM_SOCKET}
     */
    static EngineAddress search(Optional<String> setting, Map<String, String> env, Path home, Path systemSocket) {
        List<String> looked = new ArrayList<>();
        String chosen = null;
        if (setting.isPresent()) {
            chosen = setting.get();
            looked.add(DockerRunnerConfig.HOST_KEY + " = " + chosen + ": " + what(chosen) + " (used: set explicitly)");
        } else {
            looked.add(DockerRunnerConfig.HOST_KEY + ": not set");
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost == null || dockerHost.isBlank()) {
            looked.add("DOCKER_HOST: not set");
        } else {
            boolean use = chosen == null;
            chosen = use ? dockerHost.strip() : chosen;
            looked.add("DOCKER_HOST = " + dockerHost.strip() + ": " + what(dockerHost.strip()) + (use ? " (used)" : ""));
        }
        for (Candidate candidate : candidates(env, home, systemSocket)) {
            if (candidate.socket().isEmpty()) {
                looked.add(candidate.what() + ": " + candidate.why());
                continue;
            }
            Path socket = candidate.socket().get();
            String found = found(socket);
            boolean use = chosen == null && found.equals(A_SOCKET);
            if (use) {
                chosen = "unix://" + socket;
            }
            looked.add(socket + " (" + candidate.what() + "): " + found + (use ? " (used)" : ""));
        }
        if (chosen == null) {
            chosen = "unix://" + systemSocket;
        }
        return new EngineAddress(chosen, looked);
    }

    /** A place an engine's socket may be: its path, or why it has none here. */
    private record Candidate(String what, Optional<Path> socket, String why) {
        static Candidate at(String what, Path socket) {
            return new Candidate(what, Optional.of(socket), "");
        }
    }

    private static List<Candidate> candidates(Map<String, String> env, Path home, Path systemSocket) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(Candidate.at("the system's Docker Engine", systemSocket));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            candidates.add(Candidate.at("rootless Docker", Path.of(runtimeDir.strip(), "docker.sock")));
        } else {
            candidates.add(new Candidate("rootless Docker ($XDG_RUNTIME_DIR/docker.sock)", Optional.empty(),
                    "XDG_RUNTIME_DIR is not set"));
        }
        candidates.add(Candidate.at("Docker Desktop", home.resolve(".docker/run/docker.sock")));
        candidates.add(Candidate.at("Colima", home.resolve(".colima/default/docker.sock")));
        return candidates;
    }

    /** What is at an address given as a setting: a socket's state, or that a TCP address is known only by calling. */
    private static String what(String address) {
        EngineAddress given = new EngineAddress(address);
        return given.socket().map(EngineSearch::found).orElseGet(() ->
                address.toLowerCase(Locale.ROOT).startsWith("unix://") ? "not a socket path"
                        : "a network address, checked only by calling it");
    }

    private static String found(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return "nothing there";
        }
        if (!Files.exists(socket)) {
            return "a link to nothing";
        }
        return EngineAddress.isSocket(socket) ? A_SOCKET : "a file, not a socket";
    }
}
