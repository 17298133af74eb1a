/**
 * The tokens a person saved for Progy servers ({@link dev.progy.sync.credentials.ServerTokens}), kept in their own
 * config folder, never in a workspace: what {@code progy sync --token} saves and a later {@code progy login} reuses.
 */
package dev.progy.sync.credentials;
