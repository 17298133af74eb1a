package dev.progy.testkit;

import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A JVM that runs the example compose course copied into a folder (see {@link ComposeCourse}) with a runner
 * provider, and echoes what it hears, so a test can end this JVM in the middle of the run and look for what it left.
 * Arguments: the provider's class name, the folder.
 */
public final class ComposeRunInChildJvm {

    private ComposeRunInChildJvm() { }

    public static void main(String[] args) throws Exception {
        RunnerProvider provider = (RunnerProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ComposeCourse kit = ComposeCourse.existing(Path.of(args[1]));
        try (Runner runner = provider.create(ProviderConfig.empty())) {
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
