/** Part of the SDK's implementation (course); not API. */
@NullMarked
package dev.progy.internal.course;

import org.jspecify.annotations.NullMarked;
