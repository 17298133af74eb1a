/** Part of the SDK's implementation (workspace); not API. */
@NullMarked
package dev.progy.internal.workspace;

import org.jspecify.annotations.NullMarked;
