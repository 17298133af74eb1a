/** Part of the SDK's implementation (io); not API. */
@NullMarked
package dev.progy.internal.io;

import org.jspecify.annotations.NullMarked;
