package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.sync.hub.HubDeviceCodes;
import dev.progy.sync.hub.SyncHub;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signing a device in with the OAuth 2.0 device authorization grant (RFC 8628), as {@code progy login} does: the
 * client {@linkplain #start starts} a request and shows its short user code; the person, signed in on the web page,
 * types the code, sees which client asks for which scopes, and {@linkplain #approve approves} or
 * {@linkplain #deny denies}; the client {@linkplain #poll polls} and gets a token of that person's, once.
 *
 * <p>User codes are 8 letters from an alphabet without vowels or look-alikes ({@value #ALPHABET}: no 0/O, 1/I, no
 * words), shown as {@code XXXX-XXXX}; typed in any case, with or without the dash or spaces. 20^8 codes against a few
 * live ones at a time would still fall to unlimited guessing, so wrong codes are counted in the database, per person
 * and per network address, and refused for a while past {@link #GUESSES_PER_PERSON} or {@link #GUESSES_PER_ADDRESS}
 * in {@link #GUESS_WINDOW}, on every instance alike.
 */
public final class DeviceLogin {

    /** The one client that may ask today: the Progy command line. */
    public static final String CLIENT_ID = "progy-cli";
    /** Consonants without look-alikes (RFC 8628 section 6.1): no vowels, so no words either. */
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int CODE_LENGTH = 8;
    /** How long a request waits for a decision. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** The seconds a client waits between polls. */
    static final int INTERVAL = 5;
    /** What {@code progy login} asks for when it names nothing. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("sync", "read");
    static final Duration GUESS_WINDOW = Duration.ofMinutes(15);
    static final int GUESSES_PER_PERSON = 10;
    static final int GUESSES_PER_ADDRESS = 30;

    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SyncHub hub;
    private final Clock clock;

    public DeviceLogin(SyncHub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    /** A request started: what the client shows and keeps. The device code is a secret of the client's. */
    public record Started(String deviceCode, String userCode, Duration expiresIn, int interval, Set<String> scopes) { }

    /** A request refused, with its OAuth error code ({@code invalid_client}, {@code invalid_scope}, ...). */
    public static final class Refused extends ProgyException {
        private final String code;

        Refused(String code, String message) {
            super(message, "");
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Too many wrong user codes: try again after {@code retryAfter}. */
    public static final class TooManyGuesses extends ProgyException {
        private final Duration retryAfter;

        TooManyGuesses(Duration retryAfter) {
            super("Too many codes were typed that match no login request.",
                    "Wait " + retryAfter.toMinutes() + " minutes, then type the code your terminal shows.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Starts a request of {@code clientId} for {@code scope} (space-separated; empty: {@link #DEFAULT_SCOPES}), from
     * the device named {@code deviceName} (its host name, for the token's label; anything else is left out).
     */
    public Started start(String clientId, String scope, String deviceName) {
        if (!CLIENT_ID.equals(clientId)) {
            throw new Refused("invalid_client", "This server knows no client " + clientId + "; the client is "
                    + CLIENT_ID + ".");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : (scope == null ? "" : scope).trim().split(" +")) {
            if (!s.isEmpty()) {
                scopes.add(s);
            }
        }
        if (scopes.isEmpty()) {
            scopes.addAll(DEFAULT_SCOPES);
        }
        for (String s : scopes) {
            if (!SyncHub.isScope(s)) {
                throw new Refused("invalid_scope", "There is no scope " + s + "; the scopes are sync, read, ai, "
                        + "telemetry, live, admin and publish:<organisation>.");
            }
        }
        String device = deviceName != null && DEVICE_NAME.matcher(deviceName).matches() ? deviceName : "a device";
        String label = "progy login on " + device + " " + clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Instant expires = clock.instant().plus(LIFETIME);
        for (int attempt = 0; ; attempt++) {
            String deviceCode = deviceCode();
            String userCode = userCode();
            if (hub.deviceCodes().create(deviceCode, userCode, clientId, scopes, label, expires, INTERVAL)) {
                return new Started(deviceCode, shown(userCode), LIFETIME, INTERVAL, Set.copyOf(scopes));
            }
            if (attempt == 20) {
                throw new ProgyException("Could not find a free user code.", "Try again in a minute.");
            }
        }
    }

    /** What the client's poll with {@code deviceCode} finds (RFC 8628 section 3.5). */
    public HubDeviceCodes.Poll poll(String clientId, String deviceCode) {
        if (deviceCode == null || deviceCode.isEmpty() || deviceCode.length() > 100) {
            return new HubDeviceCodes.Poll.Unknown();
        }
        return hub.deviceCodes().poll(deviceCode, clientId);
    }

    /**
     * The pending request {@code userCode} names, for {@code person} to decide; a code that names none counts as a
     * wrong guess of {@code person} and of the network address {@code from}.
     *
     * @throws TooManyGuesses when that person or address guessed wrong too often lately
     */
    public Optional<HubDeviceCodes.Request> find(String userCode, People.Person person, String from) {
        limit(person, from);
        Optional<HubDeviceCodes.Request> found = normalised(userCode).flatMap(c -> hub.deviceCodes().pending(c));
        if (found.isEmpty()) {
            wrong(person, from);
        }
        return found;
    }

    /**
     * {@code person} approves the pending request {@code userCode}: its client's next poll gets a token of theirs
     * with the scopes it asked for, expiring at {@code tokenExpires} or never.
     *
     * @return the request approved
     * @throws ProgyException  when no pending request has that code (a wrong guess, counted)
     * @throws TooManyGuesses when that person or address guessed wrong too often lately
     */
    public HubDeviceCodes.Request approve(String userCode, People.Person person, String from,
                                         Optional<Instant> tokenExpires) {
        return decide(userCode, person, from, true, tokenExpires);
    }

    /** {@link #approve} with a token that does not expire. */
    public HubDeviceCodes.Request approve(String userCode, People.Person person, String from) {
        return approve(userCode, person, from, Optional.empty());
    }

    /** {@code person} denies the pending request {@code userCode}: its client is told {@code access_denied}. */
    public HubDeviceCodes.Request deny(String userCode, People.Person person, String from) {
        return decide(userCode, person, from, false, Optional.empty());
    }

    private HubDeviceCodes.Request decide(String userCode, People.Person person, String from, boolean approve,
                                          Optional<Instant> tokenExpires) {
        limit(person, from);
        Optional<HubDeviceCodes.Request> decided = normalised(userCode)
                .flatMap(c -> hub.deviceCodes().decide(c, person.account(), approve, tokenExpires));
        if (decided.isEmpty()) {
            wrong(person, from);
            throw new ProgyException("No login request waits for the code " + userCode.strip() + ".",
                    "Check the code your terminal shows; when it has expired, run progy login again.");
        }
        return decided.get();
    }

    private void limit(People.Person person, String from) {
        long window = GUESS_WINDOW.toMillis();
        if (hub.loginFailures(personSubject(person), window) >= GUESSES_PER_PERSON
                || hub.loginFailures(addressSubject(from), window) >= GUESSES_PER_ADDRESS) {
            throw new TooManyGuesses(GUESS_WINDOW);
        }
    }

    private void wrong(People.Person person, String from) {
        hub.recordLoginFailure(List.of(personSubject(person), addressSubject(from)));
    }

    private static String personSubject(People.Person person) {
        return "device-code:account:" + person.account().id();
    }

    private static String addressSubject(String from) {
        return "device-code:address:" + from;
    }

    /** The code as stored: upper case, without the dash and spaces; empty when it cannot be a user code. */
    static Optional<String> normalised(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }

    /** {@code BCDFGHJK} as {@code BCDF-GHJK}. */
    static String shown(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    private static String userCode() {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String deviceCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
