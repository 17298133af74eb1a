/**
 * Helpers for adapter authors: what every {@link dev.progy.spi.Runner} needs whatever it runs on — reading a
 * run's result ({@link dev.progy.spi.support.ResultProtocol}), capping its output
 * ({@link dev.progy.spi.support.CappedOutput}), filling placeholders into a command line
 * ({@link dev.progy.spi.support.Placeholders}) and choosing the environment course code may see
 * ({@link dev.progy.spi.support.EnvironmentAllowlist}), and, for container runners, the sandbox every exercise
 * container is held to ({@link dev.progy.spi.support.SandboxPolicy}: checked mounts, hardening, limits, labels)
 * and, for {@code docker-compose} runners, the course's compose file read and held to that sandbox
 * ({@link dev.progy.spi.support.ComposeProject}).
 * The host runner and the container runners share them, so a course behaves the same on each.
 */
package dev.progy.spi.support;
