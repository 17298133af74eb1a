package dev.progy.spi.support.sandbox;

import dev.progy.spi.support.ByteSize;
import dev.progy.spi.support.Durations;
import dev.progy.model.RunnerSpec;
import dev.progy.spi.RunRequest;
import dev.progy.spi.support.network.EgressRules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits of a container run: a course's {@link RunnerSpec.Limits} held to {@link SandboxPolicy}'s floors
 * and ceilings (so a typo cannot ask for no memory or for every core), and, in words, how they and the network
 * are looser than Progy's defaults.
 */
final class SandboxLimits {

    private SandboxLimits() { }

    /** The runner's limits and the request's timeout, each held to its floor and ceiling; NaN CPUs means the default. */
    static RunnerSpec.Limits clamp(RunRequest request, int hostCpus) {
        RunnerSpec.Limits asked = request.runner().limits();
        double cpus = Double.isNaN(asked.cpus()) ? RunnerSpec.Limits.DEFAULT.cpus() : asked.cpus();
        Duration timeout = request.timeout();
        timeout = timeout.compareTo(SandboxPolicy.MIN_TIMEOUT) < 0 ? SandboxPolicy.MIN_TIMEOUT
                : timeout.compareTo(SandboxPolicy.MAX_TIMEOUT) > 0 ? SandboxPolicy.MAX_TIMEOUT : timeout;
        return new RunnerSpec.Limits(timeout,
                Math.min(SandboxPolicy.MAX_MEMORY_MB, Math.max(SandboxPolicy.MIN_MEMORY_MB, asked.memoryMb())),
                Math.min(Math.max(1, hostCpus), Math.max(SandboxPolicy.MIN_CPUS, cpus)),
                Math.min(SandboxPolicy.MAX_PIDS, Math.max(SandboxPolicy.MIN_PIDS, asked.pids())),
                Math.min(SandboxPolicy.MAX_DISK_MB, Math.max(SandboxPolicy.MIN_DISK_MB, asked.diskMb())));
    }

    /** Every way a run with {@code limits} and this network consent (if granted) is looser than the defaults. */
    static List<String> relaxations(RunnerSpec.Limits limits, Optional<Instant> networkConsent,
                                    Optional<EgressRules> egress) {
        RunnerSpec.Limits def = RunnerSpec.Limits.DEFAULT;
        List<String> looser = new ArrayList<>();
        String reach = egress.map(e -> "network access to " + String.join(", ", e.patterns())
                + " only, through Progy's proxy").orElse("network access");
        networkConsent.ifPresent(at -> looser.add(reach + " (the course asks for it; you agreed on "
                + LocalDate.ofInstant(at, ZoneOffset.UTC) + ")"));
        if (limits.timeout().compareTo(def.timeout()) > 0) {
            looser.add("a time limit of " + Durations.format(limits.timeout())
                    + " (the default is " + Durations.format(def.timeout()) + ")");
        }
        if (limits.memoryMb() > def.memoryMb()) {
            looser.add("memory up to " + ByteSize.format((long) limits.memoryMb() << 20)
                    + " (the default is " + ByteSize.format((long) def.memoryMb() << 20) + ")");
        }
        if (limits.cpus() > def.cpus()) {
            looser.add("up to " + cpus(limits.cpus()) + " CPUs (the default is " + cpus(def.cpus()) + ")");
        }
        if (limits.pids() > def.pids()) {
            looser.add("up to " + limits.pids() + " processes (the default is " + def.pids() + ")");
        }
        if (limits.diskMb() > def.diskMb()) {
            looser.add("writing up to " + ByteSize.format((long) limits.diskMb() << 20)
                    + " to disk (the default is " + ByteSize.format((long) def.diskMb() << 20) + ")");
        }
        return List.copyOf(looser);
    }

    private static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : String.format(Locale.ROOT, "%.2f", cpus)
                .replaceAll("0+$", "");
    }
}
