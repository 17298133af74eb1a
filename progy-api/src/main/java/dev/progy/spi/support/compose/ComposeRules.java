package dev.progy.spi.support.compose;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * What Progy does with each key of a compose service it does not carry over to the engine. Three kinds:
 * <ul>
 *   <li><b>refused</b>: keys that would let a service out of the sandbox (privileges, the host's namespaces,
 *       devices, kernel settings, the engine's socket, other containers' data) — the file is refused;</li>
 *   <li><b>ignored</b>, with a note: harmless settings Progy decides itself (names, restart policies, resource
 *       limits — the runner's apply — and {@code ports}: nothing of a run is published on the host, since the
 *       test reaches every service by its name on the run's private network);</li>
 *   <li>any other key is refused as unknown: a key Progy has not checked could be a new way out.</li>
 * </ul>
 * The keys carried over ({@code image}, {@code build}, {@code command}, ...) are read by
 * {@link ComposeServiceReader}; these rules never see them.
 */
final class ComposeRules {

    /** Keys refused whenever they are set to something (not false, empty or 0), and why. */
    static final Map<String, String> REFUSED = Map.ofEntries(
            entry("privileged", "would give the container every capability and the devices of your machine"),
            entry("cap_add", "would add capabilities; Progy keeps a fixed, small set"),
            entry("devices", "would pass devices of your machine into the container"),
            entry("device_cgroup_rules", "would open devices of your machine to the container"),
            entry("gpus", "would pass your machine's GPUs into the container"),
            entry("sysctls", "would change kernel settings"),
            entry("cgroup_parent", "would place the container in a cgroup of your machine chosen by the course"),
            entry("volumes_from", "would mount the volumes of other containers, which need not be the run's"),
            entry("external_links", "would link containers that are not part of the run"),
            entry("runtime", "would swap the container runtime that enforces the sandbox"),
            entry("isolation", "would change how the container is isolated"),
            entry("storage_opt", "would change the engine's storage for the container"),
            entry("oom_kill_disable", "would keep the kernel from stopping a service that runs out of memory"),
            entry("oom_score_adj", "would shield the service from the kernel's out-of-memory killer at the cost of"
                    + " your own programs"),
            entry("credential_spec", "would hand the container credentials of your machine"),
            entry("secrets", "is not supported: secrets are read from files or the environment of your machine;"
                    + " put what the service needs in a file of the course"),
            entry("configs", "is not supported: configs are read from files or the environment of your machine;"
                    + " mount a file of the course instead"),
            entry("use_api_socket", "would hand the service the engine's socket: full control of your machine"),
            entry("provider", "would run a program on your machine"));

    /** Keys ignored, and what the note says. */
    static final Map<String, String> IGNORED = Map.ofEntries(
            entry("ports", "dropped: a run publishes nothing on your machine; the test reaches every service by its"
                    + " name on the run's private network"),
            entry("expose", "ignored: every service is reachable by its name on the run's private network"),
            entry("networks", "ignored: every service joins the run's one private network"),
            entry("links", "ignored: every service is reachable by its name on the run's private network"),
            entry("container_name", "ignored: Progy names the run's containers itself"),
            entry("hostname", "ignored: the service is reached by its name"),
            entry("domainname", "ignored"),
            entry("restart", "ignored: the run's services live as long as the run"),
            entry("labels", "ignored: Progy labels the run's containers itself"),
            entry("logging", "ignored: Progy reads the services' output itself"),
            entry("profiles", "ignored: every service of the file runs"),
            entry("deploy", "ignored: the runner's limits apply to every service"),
            entry("develop", "ignored"),
            entry("scale", "ignored: one container per service"),
            entry("mem_limit", "ignored: the runner's memory limit applies to every service"),
            entry("mem_reservation", "ignored: the runner's memory limit applies to every service"),
            entry("memswap_limit", "ignored: the runner's memory limit (no swap) applies to every service"),
            entry("mem_swappiness", "ignored"),
            entry("cpus", "ignored: the runner's CPU limit applies to every service"),
            entry("cpu_count", "ignored: the runner's CPU limit applies to every service"),
            entry("cpu_percent", "ignored: the runner's CPU limit applies to every service"),
            entry("cpu_shares", "ignored: the runner's CPU limit applies to every service"),
            entry("cpu_quota", "ignored: the runner's CPU limit applies to every service"),
            entry("cpu_period", "ignored: the runner's CPU limit applies to every service"),
            entry("cpuset", "ignored: the runner's CPU limit applies to every service"),
            entry("blkio_config", "ignored"),
            entry("pids_limit", "ignored: the runner's process limit applies to every service"),
            entry("ulimits", "ignored: the engine's defaults apply"),
            entry("shm_size", "ignored: the engine's default applies"),
            entry("cap_drop", "ignored: Progy drops every capability but a documented few itself"),
            entry("stop_signal", "ignored: the run's services are removed at its end"),
            entry("stop_grace_period", "ignored: the run's services are removed at its end"),
            entry("tty", "ignored"),
            entry("stdin_open", "ignored"),
            entry("init", "ignored"),
            entry("platform", "ignored: the engine's own platform is used"),
            entry("pull_policy", "ignored: nothing is ever pulled (no registry is reachable); an image must be on"
                    + " the engine or built from the course"),
            entry("extra_hosts", "ignored"),
            entry("dns", "ignored: the run's network has no outside access"),
            entry("dns_opt", "ignored: the run's network has no outside access"),
            entry("dns_search", "ignored: the run's network has no outside access"),
            entry("mac_address", "ignored"),
            entry("group_add", "ignored"),
            entry("tmpfs", "ignored"),
            entry("read_only", "ignored"),
            entry("annotations", "ignored"),
            entry("attach", "ignored"));

    /** Security options that only add protection; Progy sets no-new-privileges anyway. */
    private static final Set<String> HARMLESS_SECURITY = Set.of("no-new-privileges", "no-new-privileges:true",
            "no-new-privileges=true");

    private ComposeRules() { }

    /**
     * Judges {@code key} of service {@code service} in {@code file}: adds a problem when it is refused or unknown,
     * a note when it is ignored, nothing when it is harmless as set.
     */
    static void judge(String file, String service, String key, JsonNode value, ComposeFindings findings) {
        String at = "services." + service + "." + key;
        if (key.startsWith("x-")) {
            return;
        }
        String refused = refusal(key, value);
        if (refused != null) {
            findings.problem(file, at, "refused: " + key + ": " + ComposeValues.shown(value) + " " + refused
                    + "; Progy runs compose services in a sandbox, so remove it from the compose file");
        } else if (IGNORED.containsKey(key)) {
            findings.note(file, at, IGNORED.get(key));
        } else if (NAMESPACES.containsKey(key)) {
            if (ComposeValues.isSet(value)) {
                findings.note(file, at, key.equals("network_mode")
                        ? "ignored: every service joins the run's one private network" : "ignored");
            }
        } else if (!REFUSED.containsKey(key) && !key.equals("security_opt")) {
            findings.problem(file, at, "refused: '" + key + "' is not a compose key Progy knows; it runs only"
                    + " settings it has checked, so remove it or ask for it to be supported");
        }
    }

    /** Namespace keys: the values that share the host's (or another container's) namespace, and what that means. */
    private static final Map<String, String> NAMESPACES = Map.of(
            "network_mode", "would put the service on the network of your machine or of another container",
            "pid", "would let the service see and signal the processes of your machine or of another container",
            "ipc", "would share memory with your machine or another container",
            "uts", "would share your machine's host name settings",
            "userns_mode", "would turn off the user namespace that keeps root in the container apart from yours",
            "cgroup", "would share your machine's cgroups");

    private static String refusal(String key, JsonNode value) {
        if (REFUSED.containsKey(key)) {
            return ComposeValues.isSet(value) ? REFUSED.get(key) : null;
        }
        if (NAMESPACES.containsKey(key)) {
            String v = ComposeValues.text(value).orElse("").strip().toLowerCase(Locale.ROOT);
            boolean shares = v.equals("host") || v.startsWith("container:") || v.startsWith("service:");
            return shares ? NAMESPACES.get(key) : null;
        }
        if (key.equals("security_opt")) {
            return securityOptions(value);
        }
        return null;
    }

    private static String securityOptions(JsonNode value) {
        if (value == null || value.isNull() || value.isEmpty() && value.isContainerNode()) {
            return null;
        }
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            String option = ComposeValues.text(item).orElse("").strip().toLowerCase(Locale.ROOT);
            if (HARMLESS_SECURITY.contains(option)) {
                continue;
            }
            String name = option.split("[:=]", 2)[0];
            if (option.endsWith("unconfined") || option.endsWith("disable")) {
                return "would turn off the " + switch (name) {
                    case "seccomp" -> "seccomp filter";
                    case "apparmor" -> "AppArmor profile";
                    case "label" -> "SELinux labels";
                    default -> name + " protection";
                } + " that keeps the container from your machine";
            }
            return "would replace the engine's default security profile; Progy keeps it";
        }
        return null;
    }
}
