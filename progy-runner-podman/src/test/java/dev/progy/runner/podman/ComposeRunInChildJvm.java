package dev.progy.runner.podman;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A JVM that runs the example compose course copied into the folder given as its argument (see {@link ComposeKit})
 * and echoes what it hears, so a test can end this JVM in the middle of the run and look for what it left.
 */
final class ComposeRunInChildJvm {

    private ComposeRunInChildJvm() { }

    public static void main(String[] args) throws Exception {
        ComposeKit kit = ComposeKit.existing(Path.of(args[0]));
        try (Runner runner = new PodmanRunnerProvider().create(ProviderConfig.empty())) {
            runner.run(kit.request(Duration.ofMinutes(10), Map.of()), new RunListener() {
                @Override
                public void output(String chunk) {
                    System.out.print(chunk);
                    System.out.flush();
                }
            });
        }
    }
}
