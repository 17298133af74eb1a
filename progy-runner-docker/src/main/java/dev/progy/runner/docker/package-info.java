/**
 * A {@link dev.progy.spi.Runner} on a Docker Engine, through docker-java: {@link dev.progy.runner.docker.DockerRunnerProvider}
 * (id {@code docker}), its settings {@link dev.progy.runner.docker.DockerRunnerConfig} and
 * {@link dev.progy.runner.docker.DockerRunner}. The decisions every engine makes alike (which image, where the engine
 * is, what is left over, a compose run's order, the live containers, failure wording, the egress network) are {@code dev.progy.spi.container}'s; this package holds the Docker
 * Engine's calls behind them ({@code DockerEngineCalls}, {@code DockerAddress}, {@code ComposeRun},
 * {@code ComposeServices}) and its own runs. docker-java types never leave this package.
 */
package dev.progy.runner.docker;
