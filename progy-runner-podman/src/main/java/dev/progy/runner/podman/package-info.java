/**
 * A {@link dev.progy.spi.Runner} on Podman's own (libpod) REST API, through a small client over the service's Unix
 * socket: {@link dev.progy.runner.podman.PodmanRunnerProvider} (id {@code podman}), its settings
 * {@link dev.progy.runner.podman.PodmanRunnerConfig} and {@link dev.progy.runner.podman.PodmanRunner}. The decisions
 * every engine makes alike (which image, where the engine is, what is left over, a compose run's order, the live
 * containers, failure wording, the egress network) are
 * {@code dev.progy.spi.container}'s; this package holds Podman's calls behind them ({@code PodmanEngineCalls},
 * {@code PodmanAddress}, {@code PodRun}, {@code PodServices}) and its own runs. The client's types never leave this
 * package.
 */
package dev.progy.runner.podman;
