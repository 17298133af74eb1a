/**
 * The ports an adapter implements ({@link dev.progy.spi.Runner}, {@link dev.progy.spi.ProgressStore},
 * {@link dev.progy.spi.Registry}, {@link dev.progy.spi.AiProvider}) and the {@code *Provider} factories through which
 * {@link java.util.ServiceLoader} finds them.
 */
@NullMarked
package dev.progy.spi;

import org.jspecify.annotations.NullMarked;
