package dev.progy.sync.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.error.ProgyException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client of the OAuth 2.0 device authorization grant (RFC 8628) as {@code progy login} runs it: {@link #start}
 * asks the server for a device code and a short user code, the person types the user code on the server's web page
 * while signed in, and {@link #await} polls at the interval the server gave, waiting 5 seconds longer after each
 * {@code slow_down}, until the token comes or the request is denied or expires.
 */
public final class DeviceLoginClient {

    /** The client id the Progy server knows the command line by. */
    public static final String CLIENT_ID = "progy-cli";
    static final String CODE = "/api/v1/device/code";
    static final String TOKEN = "/api/v1/device/token";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    /** Waits between polls; tests pass one that does not sleep. Interrupting it cancels the login. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;

        /** Sleeps for real. */
        static Pause real() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    /**
     * A login started: what to show the person, and the device code to poll with (a secret: never shown).
     *
     * @param userCode                the code to type, e.g. {@code BCDF-GHJK}
     * @param verificationUri         the page to type it on
     * @param verificationUriComplete that page with the code filled in
     * @param expires                 when the request expires
     * @param interval                the wait between polls
     */
    public record Started(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
                          Instant expires, Duration interval) {
        @Override
        public String toString() {
            return "Started[userCode=" + userCode + ", verificationUri=" + verificationUri + "]"; // no device code
        }
    }

    /**
     * Signed in: the token (save it; never show it), whose account it is, what it may do and until when.
     */
    public record SignedIn(String token, String account, Set<String> scopes, Optional<Instant> expires) {
        public SignedIn {
            scopes = Set.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "SignedIn[account=" + account + ", scopes=" + scopes + "]"; // no token
        }
    }

    private final ServerCalls calls;
    private final Clock clock;

    public DeviceLoginClient(URI server, Duration timeout, Clock clock) {
        this.calls = new ServerCalls(server, timeout);
        this.clock = clock;
    }

    /**
     * Asks the server for a login request with {@code scopes} (empty: the server's default, {@code read sync}), from
     * the device named {@code deviceName} (shown in the token's name).
     */
    public Started start(Set<String> scopes, String deviceName) throws InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        if (!scopes.isEmpty()) {
            form.put("scope", String.join(" ", scopes));
        }
        form.put("device_name", deviceName);
        ServerCalls.Answer a = calls.post(CODE, form, Optional.empty());
        if (a.status() == 404) {
            throw new ProgyException("The server at " + calls.base() + " does not offer progy login.",
                    "Check the address, or ask its operator to update it; a token from them still works with "
                            + "`progy sync --server " + calls.base() + " --token <token>`.");
        }
        if (a.status() != 200) {
            throw new ProgyException("The server at " + calls.base() + " refused to start a login: " + a.message(),
                    a.error().equals("invalid_scope") ? "Ask for scopes among sync, read, ai, telemetry, admin, "
                            + "publish:<organisation>." : "Update Progy, or tell the server's operator.");
        }
        JsonNode b = a.body();
        String device = b.path("device_code").asText("");
        String user = b.path("user_code").asText("");
        String uri = b.path("verification_uri").asText("");
        if (device.isEmpty() || user.isEmpty() || uri.isEmpty()) {
            throw new ProgyException("The server at " + calls.base() + " answered a login request without its codes.",
                    "Check that the address names a Progy server.");
        }
        long expiresIn = Math.max(1, b.path("expires_in").asLong(600));
        long interval = Math.max(1, b.path("interval").asLong(5)); // RFC 8628: 5 seconds when the server says none
        return new Started(device, user, uri, b.path("verification_uri_complete").asText(uri),
                clock.instant().plusSeconds(expiresIn), Duration.ofSeconds(interval));
    }

    /**
     * Polls until the person decides: the token when they approve. Waits {@code started.interval()} before each
     * poll, 5 seconds more after each {@code slow_down}; a poll that cannot reach the server is retried the same way
     * (RFC 8628 section 3.5 asks for a back-off), until the request expires.
     *
     * @throws ProgyException       when the person denies it, it expires, or the server refuses the poll
     * @throws InterruptedException when the wait is interrupted (Ctrl-C): nothing was granted to keep
     */
    public SignedIn await(Started started, Pause pause) throws InterruptedException {
        Duration interval = started.interval();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("device_code", started.deviceCode());
        form.put("client_id", CLIENT_ID);
        for (;;) {
            pause.sleep(interval);
            ServerCalls.Answer a;
            try {
                a = calls.post(TOKEN, form, Optional.empty());
            } catch (ServerCalls.Unreachable e) {
                if (clock.instant().isAfter(started.expires())) {
                    throw e;
                }
                interval = interval.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
                        : interval.multipliedBy(2);
                continue;
            }
            if (a.status() == 200 && a.body().path("access_token").isTextual()) {
                JsonNode b = a.body();
                Set<String> scopes = new LinkedHashSet<>(Arrays.asList(b.path("scope").asText("").trim().split(" +")));
                Optional<Instant> expires = b.has("expires_in")
                        ? Optional.of(clock.instant().plusSeconds(b.path("expires_in").asLong())) : Optional.empty();
                return new SignedIn(b.path("access_token").asText(), b.path("account").asText(""), scopes, expires);
            }
            switch (a.error()) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new ProgyException("The login was denied on the web page.",
                        "Run progy login again if that was a mistake.");
                case "expired_token" -> throw new ProgyException("The code expired before it was approved.",
                        "Run progy login again, and approve the new code before it expires.");
                default -> throw new ProgyException("The server at " + calls.base() + " refused the login: "
                        + a.message(), "Run progy login again.");
            }
        }
    }
}
