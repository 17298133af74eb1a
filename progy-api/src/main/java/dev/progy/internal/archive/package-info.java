/** Part of the SDK's implementation (archive); not API. */
@NullMarked
package dev.progy.internal.archive;

import org.jspecify.annotations.NullMarked;
