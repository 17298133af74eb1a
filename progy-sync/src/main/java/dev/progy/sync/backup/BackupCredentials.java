package dev.progy.sync.backup;

import dev.progy.error.ProgyException;
import dev.progy.spi.ProviderConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which remotes a backup accepts and how it logs in to them. The remote's URL is stored in the workspace
 * ({@code .progy/backup.git/config}), so it must hold no secret: a token is read from the environment at each push
 * ({@value #TOKEN_KEY}, i.e. {@code PROGY_BACKUP_TOKEN}) and never written anywhere, and error messages are
 * scrubbed of it before they are shown or recorded.
 */
final class BackupCredentials {

    /** The token (or password) for an HTTP(S) remote. */
    static final String TOKEN_KEY = "progy.backup.token";
    /** The user name sent with the token; default: the URL's user, else {@value #DEFAULT_USER}. */
    static final String USER_KEY = "progy.backup.user";
    /** Git hosts accept any user name with a personal access token. */
    static final String DEFAULT_USER = "progy";

    private BackupCredentials() { }

    /**
     * The remote as it will be stored, or a user error: an HTTP(S) URL without a password in it, a {@code file://}
     * URL or a local path. SSH remotes are refused: Progy carries no SSH client.
     */
    static String checkRemote(String remote) {
        URIish uri = parse(remote);
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (uri.getPass() != null) {
            throw new ProgyException("the remote URL holds a password or token, and it would be stored in the workspace",
                    "give the URL without it and set PROGY_BACKUP_TOKEN (and PROGY_BACKUP_USER) in the environment instead");
        }
        boolean local = scheme.isEmpty() && uri.getHost() == null || scheme.equals("file");
        if (!local && !scheme.equals("http") && !scheme.equals("https")) {
            throw new ProgyException("the remote " + remote + " needs " + (scheme.isEmpty() ? "ssh" : scheme)
                    + ", which progy backup does not speak",
                    "use an https:// URL of your git host with PROGY_BACKUP_TOKEN set, or a folder path (e.g. a USB drive)");
        }
        return remote;
    }

    /** Whether the remote is reached over HTTP(S). */
    static boolean isHttp(String remote) {
        String scheme = parse(remote).getScheme();
        return scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("http");
    }

    /** HTTP basic credentials from the environment for an HTTP(S) remote; empty when no token is set. */
    static Optional<CredentialsProvider> provider(String remote, ProviderConfig config) {
        Optional<String> token = config.find(TOKEN_KEY);
        if (token.isEmpty() || !isHttp(remote)) {
            return Optional.empty();
        }
        String user = config.find(USER_KEY).orElseGet(() -> Optional.ofNullable(parse(remote).getUser()).orElse(DEFAULT_USER));
        return Optional.of(new UsernamePasswordCredentialsProvider(user, token.get()));
    }

    /** {@code message} with the token, if one is set, masked. */
    static String scrub(String message, ProviderConfig config) {
        String text = message == null ? "" : message;
        Optional<String> token = config.find(TOKEN_KEY);
        return token.isPresent() && token.get().length() >= 1 ? text.replace(token.get(), "***") : text;
    }

    private static URIish parse(String remote) {
        try {
            return new URIish(remote);
        } catch (URISyntaxException e) {
            throw new ProgyException("'" + remote + "' is not a git remote URL or path: " + e.getReason(),
                    "give an https:// URL, a file:// URL or a folder path");
        }
    }
}
