package dev.progy.server.web;

import dev.progy.server.http.Caller;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubWeb;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Browser sessions, kept in the database (so every instance knows them) by the SHA-256 of their id only. An id is
 * 32 random bytes; a new one is made at every sign-in (the id a browser had before is never kept: no session
 * fixation). A session ends when it is not used for {@link WebSettings#sessionIdle}, at
 * {@link WebSettings#sessionLifetime} after sign-in however active, at sign-out, and at "sign out everywhere".
 *
 * <p>Forms carry a token: a signed-in browser's is its session's (a synchronizer token, random, kept with the
 * session); before sign-in, it is the HMAC, with a secret shared through the database, of a random value in a
 * cookie of its own, so a page of another site can neither read nor make one.
 */
public final class Sessions {

    /** A signed-in browser: who, its session id, and the token its forms carry. */
    public record Signed(Caller caller, HubAccount account, String id, String csrf) { }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Recording "last seen" at most this often spares a database write on every page. */
    private static final long SEEN_EVERY_MS = 60_000;

    private final HubWeb store;
    private final WebSettings settings;
    private final Clock clock;
    private volatile byte[] formKey;

    public Sessions(HubWeb store, WebSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a session for {@code account}; returns its id, for the cookie only. */
    public String start(HubAccount account) {
        String id = random();
        store.start(id, account, random(), clock.millis() + settings.sessionLifetime().toMillis(),
                settings.sessionIdle().toMillis());
        return id;
    }

    /** The signed-in browser whose session id is {@code id}, if that session has not ended. */
    public Optional<Signed> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Optional<HubWeb.Session> found = store.session(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        HubWeb.Session s = found.get();
        long now = clock.millis();
        if (now >= s.expiresMs() || now - s.seenMs() >= settings.sessionIdle().toMillis()) {
            store.end(id);
            return Optional.empty();
        }
        if (now - s.seenMs() >= SEEN_EVERY_MS) {
            store.seen(id);
        }
        return Optional.of(new Signed(new Caller(s.account().id(), s.account().name(), s.role(), Set.of()),
                s.account(), id, s.csrf()));
    }

    /** Ends the session {@code id}. */
    public void end(String id) {
        store.end(id);
    }

    /** Ends every session of {@code account}, this browser's too. */
    public void endAll(HubAccount account) {
        store.endAll(account);
    }

    /** How many sessions {@code account} has. */
    public int count(HubAccount account) {
        return store.sessions(account);
    }

    /** A new random value for the cookie that ties a form shown before sign-in to its browser. */
    String newFormNonce() {
        return random();
    }

    /** The token a form shown before sign-in carries, for the browser whose form cookie is {@code nonce}. */
    String formToken(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(formKey(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("form|" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Whether {@code given} is {@code expected}, compared in time independent of where they differ. */
    static boolean same(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    static boolean wellFormed(String value) {
        return value != null && ID.matcher(value).matches();
    }

    private byte[] formKey() {
        byte[] key = formKey;
        if (key == null) {
            key = store.formKey();
            formKey = key;
        }
        return key;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
