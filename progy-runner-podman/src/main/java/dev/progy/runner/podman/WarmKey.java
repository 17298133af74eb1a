package dev.progy.runner.podman;

import dev.progy.spi.support.sandbox.BindMount;
import dev.progy.spi.support.sandbox.SandboxPolicy;
import dev.progy.spi.support.sandbox.TmpfsMount;

import java.util.List;

/**
 * What makes two runs able to share a kept container: the same image, and the same sandbox around it — the same
 * folders mounted (so the same workspace and exercise folder), user, network choice and limits. The command, the
 * environment, the working folder and the timeout belong to each run (its exec session), not to the container.
 */
record WarmKey(String image, List<BindMount> mounts, List<TmpfsMount> tmpfs, String user, boolean network,
               long memoryBytes, long memorySwapBytes, long nanoCpus, int pidsLimit) {

    /** The key of a run under {@code policy} in {@code image}; the run's own output folder is left out. */
    static WarmKey of(String image, SandboxPolicy policy) {
        List<BindMount> mounts = policy.mounts().stream()
                .filter(m -> !m.target().equals(SandboxPolicy.OUTPUT_PATH)).toList();
        return new WarmKey(image, mounts, policy.tmpfsMounts(), policy.user(), policy.networkAccess(),
                policy.memoryBytes(), policy.memorySwapBytes(), policy.nanoCpus(), policy.pidsLimit());
    }
}
