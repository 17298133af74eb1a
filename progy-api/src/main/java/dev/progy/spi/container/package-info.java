/**
 * The engine-neutral core of container adapters: the decisions every engine makes alike, behind a small
 * {@link dev.progy.spi.container.ContainerEngine} each adapter implements with its engine's calls. Which image to
 * build or reuse ({@link dev.progy.spi.container.CourseImages}), where to look for the engine as an ordered list of
 * strategies ({@link dev.progy.spi.container.EngineSearch}, {@link dev.progy.spi.container.SocketStrategy}), what
 * counts as a leftover ({@link dev.progy.spi.container.Leftovers}), the order of a compose run's set-up and
 * teardown ({@link dev.progy.spi.container.ComposeRuns}), the containers a JVM's exit removes
 * ({@link dev.progy.spi.container.LiveContainers}), how an engine's failures are worded
 * ({@link dev.progy.spi.container.EngineFailures}) and the way out to a course's allowed hosts
 * ({@link dev.progy.spi.container.EgressNetwork}); and HTTP/1.1 over an engine's Unix socket
 * ({@link dev.progy.spi.container.UnixSocketHttp}), small enough that a one-shot command does not pay for a general
 * HTTP client's set-up. A new engine implements the interface and passes the
 * contract kits of progy-api's test-jar.
 */
@NullMarked
package dev.progy.spi.container;

import org.jspecify.annotations.NullMarked;
