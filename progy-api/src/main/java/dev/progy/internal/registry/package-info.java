/** Part of the SDK's implementation (registry); not API. */
@NullMarked
package dev.progy.internal.registry;

import org.jspecify.annotations.NullMarked;
