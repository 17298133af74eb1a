package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.NotFoundException;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code progy info @scope/name}: a course's versions in the registry, with checksums and marks. */
@Command(name = "info", description = {"Show a course's versions in the registry, with their checksums.",
        "Marks yanked versions (installable only by their exact number) and whether the server verified each one "
                + "(ran its solutions and starters before it went live)."})
final class InfoCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<name>", description = "The course's registry name, e.g. @school/algebra.")
    String name;

    @Mixin
    ServerOptions.Registry registryServer;

    InfoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        registryServer.apply(ctx);
        List<RegistryEntry> versions;
        try (Registry registry = ctx.discovery().registry()) {
            versions = registry.versions(name);
        }
        if (versions.isEmpty()) {
            throw new NotFoundException("the registry has no course '" + name + "' that you may see",
                    "check the name with progy search; a private course needs a login with access to it");
        }
        if (common.json) {
            ObjectNode n = CliJson.object().put("name", name);
            ArrayNode list = n.putArray("versions");
            versions.forEach(v -> {
                ObjectNode o = list.addObject().put("version", v.version()).put("sha256", v.sha256())
                        .put("size", v.size()).put("yanked", v.yanked());
                v.verified().ifPresent(b -> o.put("verified", b));
            });
            ctx.out.println(CliJson.print(n));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        ctx.out.println(s.bold(name) + " — " + versions.size() + (versions.size() == 1 ? " version" : " versions")
                + ", newest last");
        int width = versions.stream().mapToInt(v -> v.version().length()).max().orElse(0);
        for (RegistryEntry v : versions) {
            String marks = (v.yanked() ? s.yellow("yanked") + " " : "")
                    + v.verified().map(b -> b ? s.green("✓ verified") : s.yellow("not verified")).orElse("");
            ctx.out.println("  " + v.version() + " ".repeat(width - v.version().length() + 2) + "sha256 " + v.sha256()
                    + "  " + v.size() + " bytes" + (marks.isBlank() ? "" : "  " + marks.strip()));
        }
        ctx.out.println(s.dim("Install: progy init " + name + " (the newest that is not yanked), or " + name
                + "@<version or range>, e.g. @^1.0"));
        return ExitCode.OK;
    }
}
