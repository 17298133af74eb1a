package dev.progy.server.http;

import java.util.Optional;

/** Tells who a bearer token belongs to, and what they are to a resource; the account capability provides it. */
public interface Authenticator {

    Optional<Caller> bearer(String token);

    /** Whether {@code caller} is {@code what} (owner, or member or owner) of the resource {@code id}. */
    boolean is(Caller caller, Access.Resource what, String id);
}
