package dev.progy.spi.support.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts and ports course code may reach through the {@link EgressProxy}: the names a runner lists in
 * {@code network_access = { allow = [...] }}, each an exact host name ({@code pypi.org}) or a wildcard for its
 * sub-domains ({@code *.npmjs.org} allows {@code registry.npmjs.org}, not {@code npmjs.org} itself), on ports 80
 * and 443 only. Names compare without case and without a trailing dot. An address literal
 * ({@code 10.0.0.1}, {@code [::1]}) is allowed only when listed as such.
 */
public final class EgressRules {

    /** The ports course code may reach by default: HTTP and HTTPS. */
    public static final Set<Integer> WEB_PORTS = Set.of(80, 443);

    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|\\[?[0-9a-f:]+]?");

    private final List<String> allowed;
    private final Set<Integer> ports;

    private EgressRules(List<String> allowed, Set<Integer> ports) {
        this.allowed = List.copyOf(allowed);
        this.ports = Set.copyOf(ports);
    }

    /**
     * The rules for these host patterns on ports 80 and 443.
     *
     * @throws IllegalArgumentException naming every pattern that is not a host name, a {@code *.} wildcard of
     *                                  one, or an address
     */
    public static EgressRules allow(List<String> patterns) {
        return allow(patterns, WEB_PORTS);
    }

    /** The rules for these host patterns on these ports (tests use a loopback port in place of 443). */
    public static EgressRules allow(List<String> patterns, Set<Integer> ports) {
        List<String> normal = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String p : patterns) {
            String n = normalise(p);
            if (n.isEmpty() || !(NAME.matcher(n).matches() || ADDRESS.matcher(n).matches())) {
                bad.add("'" + p + "'");
            } else {
                normal.add(n);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("not a host name, a '*.' wildcard of one or an address: "
                    + String.join(", ", bad));
        }
        return new EgressRules(normal, ports);
    }

    /** The allowed patterns, normalised, in the order given. */
    public List<String> patterns() {
        return allowed;
    }

    /** Why a connection to {@code host:port} is refused, or empty when it is allowed. */
    public Optional<String> refusal(String host, int port) {
        String h = normalise(host);
        if (!ports.contains(port)) {
            return Optional.of("port " + port + " is not allowed (only " + describePorts() + ")");
        }
        for (String p : allowed) {
            if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) {
                return Optional.empty();
            }
        }
        return Optional.of(h + " is not in the course's network allowlist");
    }

    private String describePorts() {
        return ports.stream().sorted().map(String::valueOf).reduce((a, b) -> a + " and " + b).orElse("none");
    }

    static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }
}
