/**
 * The student's side of signing in to a Progy server: the OAuth 2.0 device authorization grant that
 * {@code progy login} runs ({@link dev.progy.sync.login.DeviceLoginClient}), and an account's own tokens, listed and
 * revoked ({@link dev.progy.sync.login.AccountClient}).
 */
package dev.progy.sync.login;
