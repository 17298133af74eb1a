package dev.progy.server.tutor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the server may send an account's own AI key (setting {@code ai-own-key-urls}): the providers' public APIs
 * unless the operator lists others (a school's own model server), or {@code *} for anywhere. Without this list an
 * account could point the server at an address only the server reaches (its database, a cloud's metadata service)
 * and use its answers as a probe.
 */
public final class OwnKeyUrls {

    /** The default: the two providers' own APIs. */
    public static final String DEFAULT = "https://api.openai.com/v1,https://api.anthropic.com/v1";

    private final Set<String> allowed;
    private final boolean anywhere;

    private OwnKeyUrls(Set<String> allowed, boolean anywhere) {
        this.allowed = allowed;
        this.anywhere = anywhere;
    }

    /** The setting's value: addresses separated by commas, or {@code *}. */
    public static OwnKeyUrls parse(String setting) {
        Set<String> allowed = new LinkedHashSet<>();
        boolean anywhere = false;
        for (String part : setting.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("*")) {
                anywhere = true;
                continue;
            }
            String n = normal(p);
            if (n == null) {
                throw new IllegalArgumentException("ai-own-key-urls: \"" + p + "\" is not an http:// or https:// "
                        + "address such as https://api.openai.com/v1.");
            }
            allowed.add(n);
        }
        return new OwnKeyUrls(java.util.Collections.unmodifiableSet(allowed), anywhere);
    }

    /** Whether an account's key may go to {@code baseUrl} (blank: the provider's own API, always). */
    public boolean allows(String baseUrl) {
        if (baseUrl.isBlank() || anywhere) {
            return true;
        }
        String n = normal(baseUrl);
        return n != null && allowed.contains(n);
    }

    /** The addresses allowed, for messages. */
    public List<String> shown() {
        List<String> out = new ArrayList<>(allowed);
        if (anywhere) {
            out.add("*");
        }
        return out;
    }

    /** Scheme and host in lower case, no default port, no trailing slash, no query; null when not http(s). */
    static String normal(String url) {
        try {
            URI u = URI.create(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getRawUserInfo() != null
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
