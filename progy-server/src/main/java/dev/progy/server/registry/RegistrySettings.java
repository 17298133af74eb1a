package dev.progy.server.registry;

import dev.progy.server.http.RateLimit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the registry runs, from the server's settings.
 *
 * @param folder       where archives are kept (the folder blob store)
 * @param maxArchive   the largest {@code .progy} a publish may upload, in bytes
 * @param maxUnpacked  the most an archive may unpack to, in bytes
 * @param newCourse    publishes of a new course per account
 * @param newVersion   publishes of a new version of an existing course per account
 * @param linkTimeout  each external link's timeout; links are not checked when zero
 * @param runSolutions whether instructors' solutions are run in a container sandbox
 */
public record RegistrySettings(Path folder, long maxArchive, long maxUnpacked, RateLimit newCourse,
                               RateLimit newVersion, Duration linkTimeout, boolean runSolutions) {

    public boolean checkLinks() {
        return !linkTimeout.isZero();
    }
}
