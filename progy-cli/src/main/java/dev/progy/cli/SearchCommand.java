package dev.progy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.progy.spi.Registry;
import dev.progy.spi.RegistryCourse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code progy search <words>}: the registry's courses whose name or summary holds the words. */
@Command(name = "search", description = {"Find courses in the registry by words in their name or summary.",
        "Lists each course you may see with its newest version and downloads; install one with progy init <name>."})
final class SearchCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "<words>", description = "Words to look for (none: every course).")
    List<String> words;

    @Mixin
    ServerOptions.Registry registryServer;

    SearchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        registryServer.apply(ctx);
        String query = words == null ? "" : String.join(" ", words);
        List<RegistryCourse> found;
        try (Registry registry = ctx.discovery().registry()) {
            found = registry.search(query);
        }
        if (common.json) {
            ArrayNode list = CliJson.object().arrayNode();
            found.forEach(c -> list.addObject().put("name", c.name()).put("summary", c.summary())
                    .put("latest", c.latest().orElse(null)).put("downloads", c.downloads()));
            ctx.out.println(CliJson.print(list));
            return ExitCode.OK;
        }
        Style s = ctx.style(common.noColor);
        if (found.isEmpty()) {
            ctx.out.println(query.isBlank() ? "The registry has no course you may see yet."
                    : "No course matches '" + query + "'. Try fewer or other words.");
            return ExitCode.OK;
        }
        int width = found.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (RegistryCourse c : found) {
            ctx.out.println(s.bold(c.name()) + " ".repeat(width - c.name().length() + 2)
                    + c.latest().orElse("(no live version)") + "  " + s.dim(c.downloads() + " downloads")
                    + (c.summary().isBlank() ? "" : "  " + c.summary()));
        }
        ctx.out.println(s.dim(found.size() + (found.size() == 1 ? " course" : " courses")
                + "; progy info <name> shows its versions, progy init <name> installs it."));
        return ExitCode.OK;
    }
}
