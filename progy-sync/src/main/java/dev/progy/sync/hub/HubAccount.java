package dev.progy.sync.hub;

/**
 * A student's account on the hub, as authenticated by its bearer token.
 *
 * @param id   the hub's id of the account
 * @param name the name it was created with
 */
public record HubAccount(long id, String name) { }
