/** Part of the SDK's implementation (setup); not API. */
@NullMarked
package dev.progy.internal.setup;

import org.jspecify.annotations.NullMarked;
