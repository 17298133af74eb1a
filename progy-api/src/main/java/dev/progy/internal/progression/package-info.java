/** Part of the SDK's implementation (progression); not API. */
@NullMarked
package dev.progy.internal.progression;

import org.jspecify.annotations.NullMarked;
