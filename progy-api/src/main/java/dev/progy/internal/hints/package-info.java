/** Part of the SDK's implementation (hints); not API. */
@NullMarked
package dev.progy.internal.hints;

import org.jspecify.annotations.NullMarked;
