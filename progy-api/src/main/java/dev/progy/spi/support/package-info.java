/**
 * Helpers for adapter authors, one idea per sub-package, none of them reaching into the SDK's internals:
 * <ul>
 *   <li>{@link dev.progy.spi.support.protocol}: reading a run's result (exit code, {@code results.json}, SRP
 *   reports, Exercism results), capping its output and filling placeholders into a command line;</li>
 *   <li>{@link dev.progy.spi.support.sandbox}: the sandbox every exercise container is held to (checked mounts,
 *   hardening, limits, the user, the environment course code may see, disk watching, labels of ownership);</li>
 *   <li>{@link dev.progy.spi.support.compose}: a course's compose file read and held to that sandbox;</li>
 *   <li>{@link dev.progy.spi.support.image}: what a course image is built from and what it is called;</li>
 *   <li>{@link dev.progy.spi.support.network}: network access by allowlist through an egress proxy;</li>
 *   <li>{@link dev.progy.spi.support.scratch}: removing folders a module made for itself;</li>
 *   <li>{@link dev.progy.spi.support.json}: strict JSON trees for what runners and the SDK read and write.</li>
 * </ul>
 * This package itself holds what every message needs: I/O failures and byte counts in words
 * ({@link dev.progy.spi.support.IoFailures}, {@link dev.progy.spi.support.ByteSize}), times written and read without
 * the JDK's formatters ({@link dev.progy.spi.support.IsoInstants}), and where Progy keeps its caches
 * ({@link dev.progy.spi.support.CacheFolders}).
 * The host runner and the container runners share them, so a course behaves the same on each.
 */
@NullMarked
package dev.progy.spi.support;

import org.jspecify.annotations.NullMarked;
