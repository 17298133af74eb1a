package dev.progy.runner.podman;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.spi.support.sandbox.BindMount;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.TmpfsMount;
import dev.progy.spi.support.sandbox.WarmAgent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SandboxPolicy} as the body of libpod's container create (a {@code SpecGenerator}), one to one: the
 * command in exec form, working folder, user, environment, labels; the bind and tmpfs mounts; a read-only root
 * without Podman's extra writable tmpfs folders; every capability dropped; {@code no_new_privileges}; memory
 * (swap equal to it), pids and CPU limits; no network namespace but loopback unless the policy allows the network;
 * and, on a rootless service, the user's own uid kept inside ({@code keep-id}) so files written to the exercise
 * folder stay the student's. Stopping the container kills it at once (SIGKILL, no grace period): nothing in it has
 * anything to save.
 */
final class ContainerSpec {

    /** The CPU period the quota is a share of, in microseconds (the kernel's default). */
    static final long CPU_PERIOD_US = 100_000;
    private static final int SIGKILL = 9;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContainerSpec() { }

    /** The container of one run: the policy's command, environment and output folder. */
    static ObjectNode forRun(SandboxPolicy policy, String image, boolean rootless) {
        ObjectNode spec = sandbox(policy, image, rootless, policy.outputDir());
        spec.put("name", policy.containerName());
        spec.set("command", strings(policy.argv()));
        spec.set("env", map(policy.environment()));
        spec.set("labels", map(policy.labels()));
        return spec;
    }

    /**
     * A container kept alive by {@code keepAlive} for runs, under the same sandbox, with its own output folder and,
     * when there is one, the control folder of its {@link dev.progy.spi.support.sandbox.WarmAgent} (read-write at
     * {@value dev.progy.spi.support.sandbox.WarmAgent#CONTROL_PATH}); each run brings its own environment, so the container
     * has none of a run's.
     */
    static ObjectNode forWarm(SandboxPolicy policy, String image, boolean rootless, String name, List<String> keepAlive,
                              Map<String, String> labels, Path outputDir, Optional<Path> agentFolder) {
        ObjectNode spec = sandbox(policy, image, rootless, outputDir);
        spec.put("name", name);
        spec.set("command", strings(keepAlive));
        spec.set("labels", map(labels));
        agentFolder.ifPresent(folder -> ((ArrayNode) spec.get("mounts")).addObject()
                .put("destination", WarmAgent.CONTROL_PATH).put("type", "bind").put("source", folder.toString())
                .set("options", strings(List.of("rbind", "rw"))));
        return spec;
    }

    private static ObjectNode sandbox(SandboxPolicy policy, String image, boolean rootless, Path outputDir) {
        ObjectNode spec = NODES.objectNode();
        spec.put("image", image);
        spec.put("work_dir", policy.workingDir());
        spec.put("user", policy.user());
        spec.put("terminal", false);
        spec.put("stdin", false);
        spec.put("stop_signal", SIGKILL);
        spec.put("stop_timeout", 0);
        ArrayNode mounts = spec.putArray("mounts");
        for (BindMount m : policy.mounts()) {
            Path source = m.target().equals(SandboxPolicy.OUTPUT_PATH) ? outputDir : m.source();
            mounts.addObject().put("destination", m.target()).put("type", "bind").put("source", source.toString())
                    .set("options", strings(List.of("rbind", m.readOnly() ? "ro" : "rw")));
        }
        for (TmpfsMount t : policy.tmpfsMounts()) {
            // Podman copies what lies under a tmpfs into it by default ("tmpcopyup"): a mask over .progy/ or .git/
            // would then show the very files it hides (and fail on unreadable ones); notmpcopyup keeps it empty
            List<String> options = new ArrayList<>(t.options());
            options.add("notmpcopyup");
            // Podman refuses uid=/gid= and has U instead: the tmpfs belongs to the container's user (e.g. $HOME)
            if (t.ownedByUser()) {
                options.removeIf(o -> o.startsWith("uid=") || o.startsWith("gid="));
                options.add("U");
            }
            mounts.addObject().put("destination", t.target()).put("type", "tmpfs").put("source", "tmpfs")
                    .set("options", strings(options));
        }
        spec.put("read_only_filesystem", policy.readOnlyRootFilesystem());
        // newer Podmans add writable /run, /var/tmp and /tmp to a read-only root by default: the policy has only /tmp
        spec.put("read_write_tmpfs", false);
        spec.set("cap_drop", strings(policy.capabilitiesToDrop()));
        spec.put("no_new_privileges", policy.noNewPrivileges());
        ObjectNode limits = spec.putObject("resource_limits");
        limits.putObject("memory").put("limit", policy.memoryBytes()).put("swap", policy.memorySwapBytes());
        limits.putObject("pids").put("limit", policy.pidsLimit());
        limits.putObject("cpu").put("quota", Math.max(1000, policy.nanoCpus() * CPU_PERIOD_US / 1_000_000_000L))
                .put("period", CPU_PERIOD_US);
        if (!policy.networkAccess()) {
            spec.putObject("netns").put("nsmode", "none");
        }
        if (rootless) {
            spec.putObject("userns").put("nsmode", "keep-id");
        }
        return spec;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach(object::put);
        return object;
    }
}
