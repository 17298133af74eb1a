package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that runs the kit's exercise ({@code sh runner/check.sh}) in the kit folder given as its argument (holding
 * {@code workspace/}, already written) and echoes the output, so a test can end this JVM in the middle of a run and
 * look for what it left. A second argument {@code warm} makes the run a warm one.
 */
final class RunInChildJvm {

    private RunInChildJvm() { }

    public static void main(String[] args) throws Exception {
        KitCourse kit = new KitCourse(Path.of(args[0]));
        boolean warm = args.length > 1 && args[1].equals("warm");
        ProviderConfig config = warm ? key -> key.equals("runner.warm") ? "true" : null : ProviderConfig.empty();
        try (Runner runner = new PodmanRunnerProvider().create(config)) {
            runner.run(kit.request(Duration.ofMinutes(10)), new RunListener() {
                @Override
                public void output(String chunk) {
                    System.out.print(chunk);
                    System.out.flush();
                }
            });
        }
    }
}
