package dev.progy.spi.support.sandbox;

import dev.progy.error.ProgyException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environment that reaches course code. Course code is untrusted: a course may come from anyone, and a
 * student's machine holds tokens and keys in its environment. So nothing passes by default; only these
 * variables of the host pass, unchanged:
 *
 * <ul>
 *   <li>{@code PATH}, {@code HOME}, {@code USER}, {@code LANG}, every {@code LC_*}, {@code TERM}, {@code TZ},
 *       {@code TMPDIR}, {@code JAVA_HOME} — what compilers and interpreters need to start and to print text;</li>
 *   <li>on Windows also {@code SYSTEMROOT}, {@code WINDIR}, {@code PATHEXT}, {@code TEMP}, {@code TMP},
 *       {@code USERPROFILE}, without which programs there fail to start.</li>
 * </ul>
 *
 * <p>Everything else stays out — {@code GITHUB_TOKEN}, {@code AWS_*}, {@code *_KEY}, {@code *_SECRET},
 * {@code *_TOKEN}, {@code *PASSWORD*}, and the host's own {@code PROGY_*} settings (which may hold Progy's
 * registry token). On top of the allowlist a runner adds what Progy itself sets for the run
 * ({@code PROGY_OUTPUT_DIR}, and the request's extra variables); even those are refused when their name
 * {@linkplain #looksSecret looks like a secret}, so a caller cannot pass one by mistake.
 *
 * <p>Names are compared without regard to case, as Windows does.
 */
public final class EnvironmentAllowlist {

    /** Host variables that pass by name (compared in upper case); {@code LC_*} passes too. */
    public static final Set<String> HOST_NAMES = Set.of("PATH", "HOME", "USER", "LANG", "TERM", "TZ", "TMPDIR",
            "JAVA_HOME", "SYSTEMROOT", "WINDIR", "PATHEXT", "TEMP", "TMP", "USERPROFILE");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET = Pattern.compile(
            "TOKEN|SECRET|PASSWORD|PRIVATE|^AWS_|^AZURE_|^GCP_|^GOOGLE_APPLICATION"
                    + "|(^|_)(KEY|APIKEY|AUTH|COOKIE|SESSION|CREDENTIALS?|PASSWD|PASSPHRASE)(_|$)");

    private EnvironmentAllowlist() { }

    /** Whether a host variable of this name may reach course code. */
    public static boolean allowsFromHost(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return HOST_NAMES.contains(upper) || upper.startsWith("LC_");
    }

    /** Whether a name looks like it holds a secret: a token, key, password or cloud credential. */
    public static boolean looksSecret(String name) {
        return SECRET.matcher(name.toUpperCase(Locale.ROOT)).find();
    }

    /** The host variables that pass, out of {@code hostEnv} (usually {@link System#getenv()}). */
    public static Map<String, String> fromHost(Map<String, String> hostEnv) {
        Map<String, String> kept = new LinkedHashMap<>();
        hostEnv.forEach((name, value) -> {
            if (allowsFromHost(name) && !looksSecret(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /**
     * The environment of one run: the allowed host variables, then {@code progyEnv} (what Progy sets for this
     * run, which wins over the host).
     *
     * @throws ProgyException when a variable of {@code progyEnv} has an invalid name, a NUL in its value, or a
     *                        name that looks like a secret
     */
    public static Map<String, String> forRun(Map<String, String> allowedHostEnv, Map<String, String> progyEnv) {
        Map<String, String> env = new LinkedHashMap<>(allowedHostEnv);
        progyEnv.forEach((name, value) -> {
            check(name, value);
            env.put(name, value);
        });
        return env;
    }

    private static void check(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new ProgyException("'" + name + "' is not a valid environment variable name",
                    "use letters, digits and '_', not starting with a digit");
        }
        if (value.indexOf('\0') >= 0) {
            throw new ProgyException("the value of environment variable " + name + " contains a NUL character",
                    "remove it");
        }
        if (looksSecret(name)) {
            throw new ProgyException("refused to pass " + name + " to course code: its name looks like a secret",
                    "course code is untrusted and never gets tokens, keys or passwords; leave it out");
        }
    }
}
