package dev.progy.cli;

import dev.progy.error.ProgyException;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryEntry;
import dev.progy.spi.support.version.SemanticVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code progy yank @scope/name@1.2.0 [--undo]}: a published version is no longer picked for new installs. */
@Command(name = "yank", description = {"Yank a version you published: progy yank @scope/name@1.2.0.",
        "A yanked version is no longer chosen by `progy init <name>` or a version range, and `progy info` marks it; "
                + "it is not deleted: workspaces on it go on, and it stays installable by its exact number. "
                + "--undo takes the mark off. Needs a login that may publish the course's scope."})
final class YankCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "<name@version>",
            description = "The course's registry name and the exact version, e.g. @school/algebra@1.2.0.")
    String target;

    @Option(names = "--undo", description = "Take the yanked mark off the version.")
    boolean undo;

    @Mixin
    ServerOptions.Registry registryServer;

    YankCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        int at = target.lastIndexOf('@');
        String name = at > 0 ? target.substring(0, at) : target;
        String version = at > 0 ? target.substring(at + 1) : "";
        if (!name.matches("@[a-z0-9][a-z0-9._-]{0,63}/[a-z0-9][a-z0-9._-]{0,127}") || SemanticVersion.parse(version).isEmpty()) {
            throw new ProgyException("'" + target + "' is not a course name and an exact version",
                    "name both, e.g. progy yank @school/algebra@1.2.0 (see the versions with progy info " + name + ")");
        }
        registryServer.apply(ctx);
        RegistryEntry now;
        try (Registry registry = ctx.discovery().registry()) {
            now = registry.yank(name, version, !undo);
        }
        if (common.json) {
            ctx.out.println(CliJson.print(CliJson.object().put("name", name).put("version", version)
                    .put("yanked", now.yanked())));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        if (now.yanked()) {
            ctx.out.println(s.green("✓") + " Yanked " + s.bold(name + " " + version) + ": `progy init " + name
                    + "` and version ranges no longer pick it.");
            ctx.out.println("  Workspaces on it go on, and it stays installable as " + name + "@" + version
                    + ". Undo: progy yank " + name + "@" + version + " --undo");
        } else {
            ctx.out.println(s.green("✓") + " " + s.bold(name + " " + version) + " is no longer yanked: "
                    + "`progy init " + name + "` and version ranges may pick it again.");
        }
        return ExitCode.OK;
    }
}
