package dev.progy.sync.hub;

import java.util.Optional;

/**
 * A person who signs in: their account, e-mail address, password hash (absent for operator-made accounts) and role.
 *
 * @param role {@code student}, {@code instructor} or {@code admin}
 */
public record HubPerson(HubAccount account, String email, Optional<String> passwordHash, String role) { }
