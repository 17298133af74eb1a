package dev.progy.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * picocli's models of the commands run most ({@code list}, {@code run}, {@code show}, {@code hint},
 * {@code progress}), built by hand. picocli reading a command's annotations makes a proxy class per annotation type
 * and scans every member of the command and its mixins: about 40 % of {@code progy list}. Each model here is the one
 * the command's annotations declare, option for option, with the same {@code -h} and {@code -V} as
 * {@code mixinStandardHelpOptions} (whose own model picocli also reads from annotations); {@code HandBuiltModelsTest}
 * compares the two, help text, every attribute and parsing. The annotations stay: every other command is read from
 * them, and so are these when the test checks them.
 */
final class HandBuiltModels {
    /** The name picocli gives the {@code -h}/{@code -V} mixin; {@code CommandSpec.mixinStandardHelpOptions()} asks for it. */
    static final String HELP_MIXIN = "mixinStandardHelpOptions";

    private HandBuiltModels() { }

    /** The model of {@code command}, or null when it has none built by hand (picocli then reads its annotations). */
    static CommandSpec of(Object command) {
        if (command instanceof ListCommand c) {
            CommandSpec spec = command(c, "list", ListCommand.ABOUT);
            c.common = common(spec);
            return helpOptions(spec);
        }
        if (command instanceof ProgressCommand c) {
            CommandSpec spec = command(c, "progress", ProgressCommand.ABOUT);
            c.common = common(spec);
            return helpOptions(spec);
        }
        if (command instanceof ShowCommand c) {
            CommandSpec spec = command(c, "show", ShowCommand.ABOUT, ShowCommand.ABOUT_MORE);
            c.common = common(spec);
            spec.addPositional(exercise(new Slot<>(() -> c.exercise, v -> c.exercise = v)));
            return helpOptions(spec);
        }
        if (command instanceof HintCommand c) {
            CommandSpec spec = command(c, "hint", HintCommand.ABOUT, HintCommand.ABOUT_MORE);
            c.common = common(spec);
            spec.addPositional(exercise(new Slot<>(() -> c.exercise, v -> c.exercise = v)));
            return helpOptions(spec);
        }
        if (command instanceof RunCommand c) {
            return run(c);
        }
        return null;
    }

    private static CommandSpec run(RunCommand c) {
        CommandSpec spec = command(c, "run", RunCommand.ABOUT);
        c.common = common(spec);
        spec.addPositional(exercise(new Slot<>(() -> c.exercise, v -> c.exercise = v)));
        spec.addOption(flag("<verbose>", RunCommand.VERBOSE, new Slot<>(() -> c.verbose, v -> c.verbose = v),
                "-v", "--verbose"));

        EngineOption engine = new EngineOption();
        CommandSpec engineSpec = CommandSpec.wrapWithoutInspection(engine);
        engineSpec.addOption(valued("<engine>", EngineOption.ABOUT, String.class,
                new Slot<>(() -> engine.engine, v -> engine.engine = v), "--engine")
                .converters(new EngineOption.Name()).build());
        spec.addMixin("engine", engineSpec);
        c.engine = engine;

        CourseRunnerOption runner = new CourseRunnerOption();
        CommandSpec runnerSpec = CommandSpec.wrapWithoutInspection(runner);
        runnerSpec.addOption(valued("<id>", CourseRunnerOption.ABOUT, String.class,
                new Slot<>(() -> runner.id, v -> runner.id = v), "--runner").build());
        spec.addMixin("courseRunner", runnerSpec);
        c.courseRunner = runner;

        NetworkConsent network = new NetworkConsent();
        CommandSpec networkSpec = CommandSpec.wrapWithoutInspection(network);
        networkSpec.addOption(flag("<allow>", NetworkConsent.ALLOW,
                new Slot<>(() -> network.allow, v -> network.allow = v), "--allow-network"));
        networkSpec.addOption(flag("<deny>", NetworkConsent.DENY,
                new Slot<>(() -> network.deny, v -> network.deny = v), "--deny-network"));
        spec.addMixin("network", networkSpec);
        c.network = network;
        return helpOptions(spec);
    }

    private static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** The {@link CommonOptions} mixin, added to {@code spec} under the name of the commands' field, {@code common}. */
    private static CommonOptions common(CommandSpec spec) {
        CommonOptions o = new CommonOptions();
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(flag("<noColor>", WorkspaceOptions.NO_COLOR, new Slot<>(() -> o.noColor, v -> o.noColor = v),
                "--no-color"));
        mixin.addOption(valued("<workspace>", WorkspaceOptions.DIR, Path.class, new Slot<>(() -> o.dir, v -> o.dir = v),
                "-C", "--dir").build());
        mixin.addOption(flag("<json>", CommonOptions.JSON, new Slot<>(() -> o.json, v -> o.json = v), "--json"));
        spec.addMixin("common", mixin);
        return o;
    }

    /** {@code -h} and {@code -V}, as picocli's {@code mixinStandardHelpOptions} declares them. */
    private static CommandSpec helpOptions(CommandSpec spec) {
        boolean[] asked = new boolean[2];
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(asked);
        mixin.addOption(flagBuilder("<helpRequested>", "Show this help message and exit.",
                new Slot<>(() -> asked[0], v -> asked[0] = v), "-h", "--help").usageHelp(true)
                .descriptionKey(HELP_MIXIN + ".help").build());
        mixin.addOption(flagBuilder("<versionRequested>", "Print version information and exit.",
                new Slot<>(() -> asked[1], v -> asked[1] = v), "-V", "--version").versionHelp(true)
                .descriptionKey(HELP_MIXIN + ".version").build());
        spec.addMixin(HELP_MIXIN, mixin);
        return spec;
    }

    private static OptionSpec flag(String label, String description, Slot<Boolean> slot, String... names) {
        return flagBuilder(label, description, slot, names).build();
    }

    private static OptionSpec.Builder flagBuilder(String label, String description, Slot<Boolean> slot,
                                                  String... names) {
        return OptionSpec.builder(names).paramLabel(label).description(description).descriptionKey("")
                .type(boolean.class).auxiliaryTypes(boolean.class).initialValue(false).hasInitialValue(true)
                .getter(slot).setter(slot);
    }

    private static <T> OptionSpec.Builder valued(String label, String description, Class<T> type, Slot<T> slot,
                                                 String... names) {
        return OptionSpec.builder(names).paramLabel(label).description(description).descriptionKey("")
                .type(type).auxiliaryTypes(type).initialValue(null).hasInitialValue(true)
                .getter(slot).setter(slot);
    }

    private static PositionalParamSpec exercise(Slot<String> slot) {
        return PositionalParamSpec.builder().index("0+").arity("0..1").paramLabel("<exercise>")
                .description(ExerciseChoice.HELP).descriptionKey("").type(String.class).auxiliaryTypes(String.class)
                .initialValue(null).hasInitialValue(true).getter(slot).setter(slot).build();
    }

    /** Where an option's value goes: a field of the command or of one of its mixins, as the annotations bind it. */
    private static final class Slot<T> implements IGetter, ISetter {
        private final Supplier<T> get;
        private final Consumer<T> set;

        Slot(Supplier<T> get, Consumer<T> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V value) {
            V old = get();
            set.accept((T) value);
            return old;
        }
    }
}
