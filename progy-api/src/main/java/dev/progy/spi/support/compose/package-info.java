/**
 * A course's {@code docker-compose} file, read and held to the sandbox
 * ({@link dev.progy.spi.support.compose.ComposeProject}): its services, variables, {@code extends}, mounts and
 * start order, with every finding said in words a course author can act on.
 */
@NullMarked
package dev.progy.spi.support.compose;

import org.jspecify.annotations.NullMarked;
