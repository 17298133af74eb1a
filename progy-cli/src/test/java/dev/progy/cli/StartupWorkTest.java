package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command does before its own work, seen in a fresh JVM as a user's command starts: work that shows in every
 * command's time ({@code progy --version} and {@code progy list} are measured against an empty JVM).
 */
class StartupWorkTest {

    @Test
    @DisplayName("progy --version reads no annotations: picocli would make a proxy class per annotation type")
    void versionMakesNoAnnotationProxies() throws Exception {
        String out = freshJvm("--version");
        assertThat(out).contains("progy ");
        assertThat(classesLoaded(out)).as("classes made at run time for annotations")
                .noneMatch(c -> c.contains("$Proxy"));
    }

    @Test
    @DisplayName("progy --version and -V print the version without building picocli's model (a third of the command)")
    void versionBuildsNoCommandModel() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            String out = freshJvm(flag);
            assertThat(out.lines().filter(l -> !l.contains("[class,load]")).toList()).as(flag)
                    .containsExactly("progy " + new ProgyCommand.Version().getVersionQuietly());
            assertThat(classesLoaded(out)).as("picocli's classes loaded by " + flag)
                    .noneMatch(c -> c.startsWith("picocli.CommandLine$Model"));
        }
    }

    @Test
    @DisplayName("the commands run most read no annotations either: their models are built by hand")
    void hotCommandsMakeNoAnnotationProxies() throws Exception {
        for (String command : List.of("list", "run", "show", "hint", "progress")) {
            String out = freshJvm(command, "-h");
            assertThat(out).contains("Usage: progy " + command);
            assertThat(classesLoaded(out)).as("classes made at run time for annotations by " + command)
                    .noneMatch(c -> c.contains("$Proxy"));
        }
    }

    @Test
    @DisplayName("progy --version loads no java.time or java.sql converters (picocli registers them by reflection)")
    void versionLoadsNoUnusedConverters() throws Exception {
        assertThat(classesLoaded(freshJvm("--version"))).as("classes only picocli's unused converters need")
                .doesNotContain("java.time.MonthDay", "java.time.Period", "java.time.ZonedDateTime", "java.sql.Timestamp");
    }

    @Test
    @DisplayName("no option of any command has a type whose converter is left out")
    void noOptionNeedsALeftOutConverter() throws Exception {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine all;
        try (CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), new BufferedReader(new StringReader("")), sink,
                sink, Map.of(), false)) {
            all = ProgyCommand.commandLine(new String[0], new Main.ContextFactory(ctx));
        }
        List<String> types = new ArrayList<>();
        collectTypes(all, types);
        assertThat(types).isNotEmpty();
        for (String pattern : ProgyCommand.UNUSED_CONVERTERS.split(",")) {
            assertThat(types).as("option types matching " + pattern).noneMatch(t -> t.matches(pattern));
        }
    }

    private static void collectTypes(CommandLine cl, List<String> types) {
        for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
            types.add(arg.type().getName());
            for (Class<?> c : arg.auxiliaryTypes()) {
                types.add(c.getName());
            }
        }
        cl.getSubcommands().values().stream().filter(sub -> sub != cl).forEach(sub -> collectTypes(sub, types));
    }

    @Test
    @DisplayName("a subcommand still gets -h and -V, as before, and the top command's -C")
    void helpOptionsReachSubcommands() throws Exception {
        String out = freshJvm("-C", "/", "list", "-V");
        assertThat(out).contains("progy ");
        assertThat(freshJvm("run", "-h")).contains("-h, --help", "-V, --version", "Exit codes: see 'progy --help'.");
    }

    @Test
    @DisplayName("a run with telemetry on sets up no SecureRandom (loading the security providers cost ≈ 15 ms a run)")
    void aRunSetsUpNoSecureRandom(@TempDir Path tmp) throws Exception {
        Path course = tmp.resolve("course");
        Files.createDirectories(course.resolve("content/01_m/01_e"));
        Files.createDirectories(course.resolve("runner"));
        Files.writeString(course.resolve("course.json"), "{\"id\":\"c\",\"name\":\"c\",\"version\":\"1.0.0\","
                + "\"runners\":[{\"id\":\"t\",\"type\":\"process\",\"command\":\"sh\",\"args\":[\"runner/check.sh\"]}]}");
        Files.writeString(course.resolve("runner/check.sh"), "echo fine > \"$PROGY_OUTPUT_DIR/note.txt\"\nexit 0\n");
        Files.writeString(course.resolve("content/01_m/info.toml"), "[exercises]\n01_e = \"E\"\n");
        Files.writeString(course.resolve("content/01_m/01_e/README.md"), "# E\n");
        Files.writeString(course.resolve("content/01_m/01_e/exercise.sh"), "x\n");
        CliHarness cli = new CliHarness(tmp);
        Path ws = tmp.resolve("ws");
        assertThat(cli.run("init", course.toString(), ws.toString()).code()).isZero();
        assertThat(cli.run("-C", ws.toString(), "telemetry", "on").code()).isZero();

        String out = freshJvm("-C", ws.toString(), "run", "01_m/01_e");
        assertThat(out).contains("passed");
        assertThat(classesLoaded(out)).as("classes of the security providers' set-up")
                .doesNotContain("java.security.SecureRandom", "sun.security.provider.NativePRNG");
        // and the run's event was recorded all the same
        assertThat(cli.run("-C", ws.toString(), "telemetry", "show").out()).contains("\"exercise_passed\"");
    }

    private static List<String> classesLoaded(String verbose) {
        List<String> loaded = new ArrayList<>();
        verbose.lines().filter(l -> l.startsWith("[class,load] ") || l.contains("][class,load] "))
                .forEach(l -> loaded.add(l.substring(l.indexOf("load] ") + 6).split(" ")[0]));
        return loaded;
    }

    private static String freshJvm(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load=info:stdout:tags", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
