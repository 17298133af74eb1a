package dev.progy.sync.hub;

/**
 * A member of an organisation.
 *
 * @param name the account's name
 * @param role {@code owner} or {@code member}
 */
public record HubMember(String name, String role) { }
