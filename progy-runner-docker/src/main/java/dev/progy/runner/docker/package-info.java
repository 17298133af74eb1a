/**
 * A {@link dev.progy.spi.Runner} on a Docker Engine, through docker-java: {@link dev.progy.runner.docker.DockerRunnerProvider}
 * (id {@code docker}), its settings {@link dev.progy.runner.docker.DockerRunnerConfig} and
 * {@link dev.progy.runner.docker.DockerRunner}. docker-java types never leave this package.
 */
package dev.progy.runner.docker;
