/**
 * The result protocol every runner shares: what a run printed and exited with ({@link
 * dev.progy.spi.support.protocol.RawRun}) read as a result ({@link dev.progy.spi.support.protocol.ResultProtocol}),
 * including an SRP report or an Exercism {@code results.json}; output capped as it streams
 * ({@link dev.progy.spi.support.protocol.CappedOutput}); placeholders filled into a runner's command line
 * ({@link dev.progy.spi.support.protocol.Placeholders}).
 */
@NullMarked
package dev.progy.spi.support.protocol;

import org.jspecify.annotations.NullMarked;
