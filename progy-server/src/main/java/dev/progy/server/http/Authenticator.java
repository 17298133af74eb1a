package dev.progy.server.http;

import java.util.Optional;

/** Tells who a bearer token belongs to; the account capability provides it. */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> bearer(String token);
}
