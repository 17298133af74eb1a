package dev.progy.testkit;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM that runs {@code sh runner/check.sh} of a workspace in a prebuilt image with a runner provider, and echoes
 * what it hears, so a test can end this JVM in the middle of the run and look for what it left. Arguments: the
 * provider's class name, the workspace, the course root, the image, and {@code warm} for a warm runner.
 */
public final class ContainerRunInChildJvm {

    private ContainerRunInChildJvm() { }

    /** The runner entry the child runs: {@code sh runner/check.sh {{exercise}}} in {@code image}. */
    public static RunnerSpec spec(String image) {
        return RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh")
                .args(List.of("runner/check.sh", "{{exercise}}")).imageTag(image).build();
    }

    /**
     * Starts a JVM that runs {@code sh runner/check.sh} of {@code workspace} with {@code provider}, and returns it
     * once the run printed the line {@code running}.
     */
    public static Process startRunning(RunnerProvider provider, Path workspace, Path courseRoot, String image,
                                       boolean warm) throws IOException {
        return startRunning(provider, workspace, courseRoot, image, warm,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * As {@link #startRunning(RunnerProvider, Path, Path, String, boolean)}, with {@code tmpdir} as the child JVM's
     * temporary folder.
     */
    public static Process startRunning(RunnerProvider provider, Path workspace, Path courseRoot, String image,
                                       boolean warm, Path tmpdir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + tmpdir, "-cp",
                System.getProperty("java.class.path"), ContainerRunInChildJvm.class.getName(),
                provider.getClass().getName(), workspace.toString(), courseRoot.toString(), image));
        if (warm) {
            command.add("warm");
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.equals("running"));
        if (line == null) {
            child.destroyForcibly();
        }
        assertThat(line).as("the child's run started").isEqualTo("running");
        // the child blocks if nobody reads what it prints
        Thread drain = new Thread(() -> {
            try (out) {
                while (out.readLine() != null) {
                    // what it prints after the start is not looked at
                }
            } catch (IOException ended) {
                // the child is gone
            }
        }, "child-jvm-output");
        drain.setDaemon(true);
        drain.start();
        return child;
    }

    public static void main(String[] args) throws Exception {
        RunnerProvider provider = (RunnerProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Path workspace = Path.of(args[1]);
        Path courseRoot = Path.of(args[2]);
        Exercise hello = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
        RunnerSpec spec = spec(args[3]);
        Course course = new Course("kit", "Kit", "1.0.0", "", courseRoot, courseRoot.resolve("content"), List.of(spec),
                Progression.DEFAULT, Setup.NONE, List.of(new CourseModule("01_basics", "Basics", "", "", List.of(),
                List.of(hello))));
        ProviderConfig config = args.length > 4 && args[4].equals("warm")
                ? ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true")) : ProviderConfig.empty();
        try (Runner runner = provider.create(config)) {
            runner.run(new RunRequest(course, hello, spec, workspace, Duration.ofMinutes(10), Map.of()), new RunListener() {
                @Override
                public void output(String chunk) {
                    System.out.print(chunk);
                    System.out.flush();
                }
            });
        }
    }
}
