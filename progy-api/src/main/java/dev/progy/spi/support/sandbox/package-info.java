/**
 * The sandbox every exercise container is held to, whatever engine runs it
 * ({@link dev.progy.spi.support.sandbox.SandboxPolicy}): checked mounts and paths, the limits, the user course
 * code runs as, the environment it may see ({@link dev.progy.spi.support.sandbox.EnvironmentAllowlist}), the watch
 * on how much it writes ({@link dev.progy.spi.support.sandbox.DiskWatch}) and the labels that say which run owns a
 * container ({@link dev.progy.spi.support.sandbox.RunOwner}).
 */
@NullMarked
package dev.progy.spi.support.sandbox;

import org.jspecify.annotations.NullMarked;
