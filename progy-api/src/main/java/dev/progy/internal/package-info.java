/**
 * The SDK's implementation, not its API: nothing here is stable, and adapters must not use it.
 */
@NullMarked
package dev.progy.internal;

import org.jspecify.annotations.NullMarked;
