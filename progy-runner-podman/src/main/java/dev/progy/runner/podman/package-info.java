/**
 * A {@link dev.progy.spi.Runner} on Podman's own (libpod) REST API, through a small client over the service's Unix
 * socket: {@link dev.progy.runner.podman.PodmanRunnerProvider} (id {@code podman}), its settings
 * {@link dev.progy.runner.podman.PodmanRunnerConfig} and {@link dev.progy.runner.podman.PodmanRunner}. The client's
 * types never leave this package.
 */
package dev.progy.runner.podman;
