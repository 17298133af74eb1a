/** Part of the SDK's implementation (progress); not API. */
@NullMarked
package dev.progy.internal.progress;

import org.jspecify.annotations.NullMarked;
