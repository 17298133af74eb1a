package dev.progy.sync.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.error.ProgyException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A signed-in person's account on a Progy server, through one of their tokens: who it belongs to, their tokens
 * (never a token's value: the server keeps only hashes), revoking one of them, and revoking the token itself, as
 * {@code progy logout} does.
 */
public final class AccountClient {

    static final String ACCOUNT = "/api/v1/account";
    static final String TOKENS = "/api/v1/tokens";
    static final String REVOKE = "/api/v1/tokens/revoke";

    /** Who a token belongs to: the account's name and role, and the token's scopes. */
    public record Account(String name, String role, List<String> scopes) {
        public Account {
            scopes = List.copyOf(scopes);
        }
    }

    /** One of the account's tokens, as the server lists it; {@code active}: neither revoked nor expired. */
    public record TokenInfo(String id, String name, List<String> scopes, Instant created, Optional<Instant> expires,
                            boolean active) {
        public TokenInfo {
            scopes = List.copyOf(scopes);
        }
    }

    private final ServerCalls calls;
    private final String token;

    public AccountClient(URI server, String token, Duration timeout) {
        this.calls = new ServerCalls(server, timeout);
        this.token = token;
    }

    /** Whose the token is. */
    public Account account() throws InterruptedException {
        JsonNode b = ok(calls.get(ACCOUNT, token), "read your account").body();
        return new Account(b.path("name").asText(), b.path("role").asText(), texts(b.path("scopes")));
    }

    /** The account's tokens, newest first. */
    public List<TokenInfo> tokens() throws InterruptedException {
        JsonNode b = ok(calls.get(TOKENS, token), "list your tokens").body();
        List<TokenInfo> all = new ArrayList<>();
        for (JsonNode t : b.path("tokens")) {
            all.add(new TokenInfo(t.path("id").asText(), t.path("name").asText(), texts(t.path("scopes")),
                    Instant.parse(t.path("created").asText()),
                    t.path("expires").isTextual() ? Optional.of(Instant.parse(t.path("expires").asText()))
                            : Optional.empty(), t.path("active").asBoolean(true)));
        }
        return all;
    }

    /** Revokes the account's token {@code id}; false when the account has no such token. */
    public boolean revoke(String id) throws InterruptedException {
        if (!id.matches("[0-9]{1,19}")) {
            return false;
        }
        ServerCalls.Answer a = calls.post(TOKENS + "/" + id + "/revoke", Map.of(), Optional.of(token));
        if (a.status() == 404) {
            return false;
        }
        ok(a, "revoke the token");
        return true;
    }

    /** Revokes this client's own token on the server (RFC 7009): it stops working at once, for everyone. */
    public void revokeSelf() throws InterruptedException {
        ServerCalls.Answer a = calls.post(REVOKE, Map.of("token", token, "token_type_hint", "access_token"),
                Optional.empty());
        if (a.status() != 200) {
            throw new ProgyException("The server at " + calls.base() + " did not revoke the token: " + a.message(),
                    "Revoke it on the server's web page, under your tokens.");
        }
    }

    private ServerCalls.Answer ok(ServerCalls.Answer a, String what) {
        if (a.status() == 200) {
            return a;
        }
        if (a.status() == 401) {
            throw new NotSignedIn(calls.base());
        }
        if (a.status() == 403) {
            throw new ProgyException("Your token for " + calls.base() + " may not " + what + ": " + a.message(),
                    "Run `progy login " + calls.base() + "` to get a token with the scope read.");
        }
        throw new ProgyException("The server at " + calls.base() + " could not " + what + ": " + a.message(),
                a.status() >= 500 ? "Try again later; the server's log says more." : "Update Progy, or tell the "
                        + "server's operator.");
    }

    private static List<String> texts(JsonNode array) {
        TreeSet<String> all = new TreeSet<>();
        array.forEach(n -> all.add(n.asText()));
        return List.copyOf(all);
    }

    /** The server does not accept the token: revoked, expired, or never its. */
    public static final class NotSignedIn extends ProgyException {
        NotSignedIn(String base) {
            super("The server at " + base + " no longer accepts your saved token: it was revoked or has expired.",
                    "Sign in again with `progy login " + base + "`.");
        }
    }
}
