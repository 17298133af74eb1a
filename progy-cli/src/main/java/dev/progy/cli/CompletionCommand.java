package dev.progy.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "completion", description = {"Print a shell completion script for progy: bash, zsh or fish.",
        "bash: add  source <(progy completion bash)  to ~/.bashrc",
        "zsh:  add  source <(progy completion zsh)  to ~/.zshrc (it loads bashcompinit)",
        "fish: progy completion fish > ~/.config/fish/completions/progy.fish"})
final class CompletionCommand implements Callable<Integer> {
    private final CliContext ctx;

    /** The shells a script is written for. */
    enum Shell { bash, zsh, fish }

    @Parameters(index = "0", paramLabel = "<shell>", description = "bash, zsh or fish.")
    Shell shell;

    CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = ProgyCommand.commandLine(new String[0], new Main.ContextFactory(ctx));
        switch (shell) {
            case bash -> ctx.out.print(AutoComplete.bash("progy", cl));
            case zsh -> {
                // picocli's script loads compinit and bashcompinit itself when it runs in zsh
                ctx.out.println("# progy completion for zsh: source <(progy completion zsh) in ~/.zshrc");
                ctx.out.print(AutoComplete.bash("progy", cl));
            }
            case fish -> ctx.out.print(fish(cl));
        }
        return ExitCode.OK;
    }

    /** A fish script from the command model: subcommands, then each one's options, with their descriptions. */
    static String fish(CommandLine cl) {
        StringBuilder sb = new StringBuilder("# progy completion for fish: progy completion fish > ~/.config/fish/completions/progy.fish\n");
        sb.append("complete -c progy -e\n");
        for (OptionSpec o : cl.getCommandSpec().options()) {
            sb.append(option("__fish_use_subcommand", o));
        }
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String name = e.getKey();
            CommandSpec spec = e.getValue().getCommandSpec();
            sb.append("complete -c progy -f -n __fish_use_subcommand -a ").append(name)
                    .append(" -d ").append(quote(first(spec.usageMessage().description()))).append('\n');
            for (OptionSpec o : spec.options()) {
                sb.append(option("__fish_seen_subcommand_from " + name, o));
            }
        }
        sb.append("complete -c progy -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n");
        return sb.toString();
    }

    private static String option(String condition, OptionSpec o) {
        StringBuilder sb = new StringBuilder("complete -c progy -n ").append(quote(condition));
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                sb.append(" -l ").append(n.substring(2));
            } else if (n.startsWith("-") && n.length() == 2) {
                sb.append(" -s ").append(n.substring(1));
            }
        }
        if (o.arity().max() > 0) {
            sb.append(" -r");
        }
        sb.append(" -d ").append(quote(first(o.description())));
        return sb.append('\n').toString();
    }

    private static String first(String[] lines) {
        String s = lines.length == 0 ? "" : lines[0];
        int dot = s.indexOf(". ");
        return (dot > 0 ? s.substring(0, dot + 1) : s).replace("%%", "%").replace("%n", " ");
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
