package dev.progy.sync.registry;

import dev.progy.error.ProgyException;
import dev.progy.spi.Availability;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryProvider;
import dev.progy.sync.credentials.ServerTokens;
import dev.progy.sync.progress.ProgressSync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} registry: a Progy server's registry. Usable when a server is known the way {@code progy sync} and
 * {@code progy login} find one: {@value #SERVER_KEY} ({@code PROGY_REGISTRY_SERVER}), else
 * {@value ProgressSync#SERVER_KEY} ({@code PROGY_SYNC_SERVER}), else the only server a login saved a token for. The
 * token is {@value #TOKEN_KEY} ({@code PROGY_REGISTRY_TOKEN}), else {@code progy.sync.token} for the sync server, else
 * the one saved for that server in {@code credentials.json}; without one, only public courses are seen. The config
 * folder (saved tokens, pinned keys) is {@value #CONFIG_DIR_KEY}, else {@code $XDG_CONFIG_HOME/progy} or
 * {@code ~/.config/progy}. Other settings: {@value #TIMEOUT_KEY} (seconds per request, 30) and
 * {@value #PUBLISH_TIMEOUT_KEY} (seconds a publish's checks are followed, 900). Priority 10, above the folder
 * registry's 0; but when a registry folder is configured ({@code PROGY_REGISTRY_DIR}), only {@value #SERVER_KEY}
 * makes this one usable, so a sync server or a saved login never silently replaces the folder someone chose.
 */
public final class HttpRegistryProvider implements RegistryProvider {

    public static final String SERVER_KEY = "progy.registry.server";
    public static final String TOKEN_KEY = "progy.registry.token";
    public static final String CONFIG_DIR_KEY = "progy.config.dir";
    public static final String TIMEOUT_KEY = "progy.registry.timeout";
    public static final String PUBLISH_TIMEOUT_KEY = "progy.registry.publish-timeout";

    /** The folder registry's setting: when it is set, only {@value #SERVER_KEY} makes this registry usable. */
    private static final String FOLDER_KEY = "progy.registry.dir";
    private static final String FIX = "sign in to a Progy server with `progy login <server>`, or set "
            + "PROGY_REGISTRY_SERVER to its address";

    @Override
    public String id() {
        return "http";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        try {
            return server(config).isPresent() ? Availability.yes()
                    : Availability.no("no registry server is configured and no login is saved", FIX);
        } catch (ProgyException e) {
            return Availability.no(e.getMessage(), e.fixHint());
        }
    }

    @Override
    public Registry create(ProviderConfig config) {
        String server = server(config).orElseThrow(() -> new ProgyException("cannot open the http registry: no "
                + "registry server is configured and no login is saved", FIX));
        URI uri = ProgressSync.serverUri(server);
        Optional<String> token = config.find(TOKEN_KEY)
                .or(() -> config.find(SERVER_KEY).isEmpty() ? config.find(ProgressSync.TOKEN_KEY) : Optional.empty())
                .or(() -> savedToken(config, uri.toString()));
        return new HttpRegistry(uri, token, configDir(config), config.seconds(TIMEOUT_KEY, Duration.ofSeconds(30)),
                config.seconds(PUBLISH_TIMEOUT_KEY, Duration.ofMinutes(15)), Clock.systemUTC());
    }

    private static Optional<String> server(ProviderConfig config) {
        Optional<String> named = config.find(SERVER_KEY);
        if (named.isPresent()) {
            return named;
        }
        if (config.find(FOLDER_KEY).isPresent()) {
            return Optional.empty(); // a registry folder was asked for: a sync server or a login does not override it
        }
        named = config.find(ProgressSync.SERVER_KEY);
        if (named.isPresent()) {
            return named;
        }
        List<String> saved;
        try {
            saved = ServerTokens.in(configDir(config)).servers();
        } catch (ProgyException e) {
            return Optional.empty(); // no home folder, or nothing readable saved there
        }
        if (saved.size() > 1) {
            throw new ProgyException("logins are saved for " + saved.size() + " servers (" + String.join(", ", saved)
                    + ") and none is chosen as the registry", "say which one: --server <url> or PROGY_REGISTRY_SERVER");
        }
        return saved.size() == 1 ? Optional.of(saved.get(0)) : Optional.empty();
    }

    private static Optional<String> savedToken(ProviderConfig config, String server) {
        try {
            return ServerTokens.in(configDir(config)).token(server);
        } catch (ProgyException e) {
            return Optional.empty();
        }
    }

    /**
     * The user's config folder. The command line's configuration reads the environment by the key's upper-case
     * name, so {@code xdg.config.home} and {@code home} reach {@code XDG_CONFIG_HOME} and {@code HOME} through it.
     */
    static Path configDir(ProviderConfig config) {
        Optional<Path> explicit = config.path(CONFIG_DIR_KEY);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        Map<String, String> env = new HashMap<>();
        config.find("xdg.config.home").ifPresent(v -> env.put("XDG_CONFIG_HOME", v));
        config.find("home").ifPresent(v -> env.put("HOME", v));
        config.find("userprofile").ifPresent(v -> env.put("USERPROFILE", v));
        return ServerTokens.userConfigDir(env);
    }
}
