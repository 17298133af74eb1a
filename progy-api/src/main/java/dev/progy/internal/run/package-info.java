/** Part of the SDK's implementation (run); not API. */
@NullMarked
package dev.progy.internal.run;

import org.jspecify.annotations.NullMarked;
